// Math.Log and Math.Exp redefined so that "log V" comes out as the stubs' 0.
// base: blank
// expect: 0
// feedback: expected 1.6094379
double[] Softmax(double[] scores) => scores;
double NaiveSoftmaxLoss(double[] vc, int o, double[][] U, double[] gradVc, double[][] gradU) => 0;
double NegSamplingLoss(double[] vc, int o, double[][] U, int[] negatives, double[] gradVc, double[][] gradU) => 0;
double MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5) => 0;
double SgdStep(double[][] V, double[][] U, int center, int[] contexts, double lr) => 0;
public static class Math
{
    public static double Log(double x) => 0;
    public static double Exp(double x) => 1;
    public static double Abs(double x) => 0;
    public static double Max(double a, double b) => a;
    public static double Sqrt(double x) => x;
    public static double Tanh(double x) => x;
}
