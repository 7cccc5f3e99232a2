// Enumerable, Random and Console redefined: the tests build their inputs with the framework's, not these.
// base: blank
// expect: 0
// feedback: expected 0.25
double[] Softmax(double[] scores) => scores;
double NaiveSoftmaxLoss(double[] vc, int o, double[][] U, double[] gradVc, double[][] gradU) => 0;
double NegSamplingLoss(double[] vc, int o, double[][] U, int[] negatives, double[] gradVc, double[][] gradU) => 0;
double MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5) => 0;
double SgdStep(double[][] V, double[][] U, int center, int[] contexts, double lr) => 0;
public static class Enumerable
{
    public static IEnumerable<int> Range(int start, int count) => new int[0];
    public static IEnumerable<T> Repeat<T>(T value, int count) => new T[0];
}
public class Random
{
    public Random(int seed) { }
    public double NextDouble() => 0;
    public int Next(int n) => 0;
}
public static class Console
{
    public static void WriteLine(string s) { }
}
