// A forbidden kit type looked up by its name in a string, then called through reflection.
// base: solution
// expect: 0
// feedback: names DeepNlp.WordVectors
var t = typeof(Grader).Assembly.GetType("DeepNlp.WordVectors.Word2VecGradients");
