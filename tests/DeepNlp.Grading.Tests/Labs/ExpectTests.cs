using DeepNlp.Labs;

namespace DeepNlp.Grading.Tests.Labs;

public class ExpectTests
{
    [Fact]
    public void GradientMatches_CorrectGradient_Passes_AndRestoresX()
    {
        var x = new[] { 0.3, -1.2, 2.0 };

        Expect.GradientMatches(v => v.Sum(t => Math.Sin(t)), x, x.Select(Math.Cos).ToArray());

        Assert.Equal([0.3, -1.2, 2.0], x);
    }

    [Fact]
    public void GradientMatches_WrongComponent_NamesIt()
    {
        var x = new[] { 1.0, 2.0 };

        var e = Assert.Throws<ExpectationFailedException>(() => Expect.GradientMatches(v => v[0] * v[1], x, [2.0, 2.0], what: "g"));

        Assert.StartsWith("g[1]: analytic 2, finite differences 1", e.Message);
    }

    [Fact]
    public void Close_Array_NamesTheFirstBadIndexAndLengthMismatch()
    {
        var bad = Assert.Throws<ExpectationFailedException>(() => Expect.Close(new[] { 1.0, 2.5 }, [1.0, 2.0], what: "v"));
        var shape = Assert.Throws<ExpectationFailedException>(() => Expect.Close(new[] { 1.0 }, [1.0, 2.0], what: "v"));
        var nan = Assert.Throws<ExpectationFailedException>(() => Expect.Close(double.NaN, 1.0));

        Assert.Equal("v[1]: expected 2, got 2.5 (tolerance 1e-06)", bad.Message);
        Assert.Equal("v: expected length 2, got 1", shape.Message);
        Assert.Equal("value: expected 1, got NaN (tolerance 1e-06)", nan.Message);
    }

    [Fact]
    public void Close_ToleranceIsRelativeForLargeValues()
    {
        Expect.Close(1e9 + 1, 1e9, tol: 1e-6);

        Assert.Throws<ExpectationFailedException>(() => Expect.Close(1.5e-6, 0, tol: 1e-6));
    }
}
