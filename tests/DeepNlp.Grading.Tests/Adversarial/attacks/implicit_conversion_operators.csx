// A student type with implicit conversions and operators, returned where the tests expect numbers.
// base: blank
// expect: 0
// feedback: not implemented
public class Anything
{
    public static implicit operator double(Anything a) => 0.25;
    public static implicit operator double[](Anything a) => new[] { 0.25, 0.25, 0.25, 0.25 };
    public static bool operator <(Anything a, double b) => true;
    public static bool operator >(Anything a, double b) => true;
}
Anything Softmax(double[] scores) => new Anything();
Anything MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5) => new Anything();
