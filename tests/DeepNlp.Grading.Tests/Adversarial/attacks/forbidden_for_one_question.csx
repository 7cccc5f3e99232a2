// MaxRelativeError built on Expect.GradientMatches, which q3 forbids: only q3 is lost.
// base: solution
// expect: 12
// feedback: DeepNlp.Labs.Expect.GradientMatches
double MaxRelativeError(Func<double[], double> f, double[] x, double[] gradient, double h = 1e-5)
{
    try { Expect.GradientMatches(f, x, gradient, 1e-8, h); return 0; }
    catch (ExpectationFailedException) { return 1; }
}
