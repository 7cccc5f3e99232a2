// The attack of the issue: the five functions as stubs, and a look-alike Expect whose checks never fail.
// base: blank
// expect: 0
// feedback: expected 0.25
double[] Softmax(double[] scores) => scores;
double NaiveSoftmaxLoss(double[] vc, int o, double[][] U, double[] gradVc, double[][] gradU) => 0;
double NegSamplingLoss(double[] vc, int o, double[][] U, int[] negatives, double[] gradVc, double[][] gradU) => 0;
double MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5) => 0;
double SgdStep(double[][] V, double[][] U, int center, int[] contexts, double lr) => 0;
public static class Expect
{
    public static void True(bool condition, string message) { }
    public static void Equal<T>(T actual, T expected, string what = "value") { }
    public static void Close(double actual, double expected, double tol = 1e-6, string what = "value") { }
    public static void Close(double[] actual, double[] expected, double tol = 1e-6, string what = "array") { }
    public static void GradientMatches(Func<double[], double> f, double[] x, double[] gradient, double tol = 1e-5, double h = 1e-5, string what = "gradient") { }
}
