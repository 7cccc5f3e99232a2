// A look-alike Grader whose tests are never run, so nothing can fail.
// base: blank
// expect: 0
// feedback: expected 0.25
double[] Softmax(double[] scores) => scores;
double NaiveSoftmaxLoss(double[] vc, int o, double[][] U, double[] gradVc, double[][] gradU) => 0;
double NegSamplingLoss(double[] vc, int o, double[][] U, int[] negatives, double[] gradVc, double[][] gradU) => 0;
double MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5) => 0;
double SgdStep(double[][] V, double[][] U, int center, int[] contexts, double lr) => 0;
public static class Grader
{
    public static void Question(string id, double points, string title = "") { }
    public static void Test(string question, string name, Action body, double weight = 1, bool hidden = false) { }
    public static string Check(string question) => "all passed";
}
