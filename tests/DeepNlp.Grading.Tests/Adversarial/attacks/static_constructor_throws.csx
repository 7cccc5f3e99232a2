// A type whose static constructor throws.
// base: solution
// expect: 14
// feedback: TypeInitializationException
class Boom { public static readonly int Value = Explode(); static int Explode() => throw new InvalidOperationException("boom"); }
var value = Boom.Value;
