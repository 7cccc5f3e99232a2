// Extension methods on double[] that would change what the tests' LINQ calls compute.
// base: blank
// expect: 0
// feedback: not implemented yet
double[] Softmax(double[] scores) => scores;
double NaiveSoftmaxLoss(double[] vc, int o, double[][] U, double[] gradVc, double[][] gradU) => 0;
double NegSamplingLoss(double[] vc, int o, double[][] U, int[] negatives, double[] gradVc, double[][] gradU) => 0;
double MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5) => 0;
double SgdStep(double[][] V, double[][] U, int center, int[] contexts, double lr) => 0;
public static class Cheats
{
    public static double Sum(this double[] xs) => 0;
    public static double[] ToArray(this IEnumerable<double> xs) => new[] { 0.25, 0.25, 0.25, 0.25 };
}
