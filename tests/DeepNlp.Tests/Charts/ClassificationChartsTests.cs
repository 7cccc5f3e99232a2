using Plotly.NET;

namespace DeepNlp.Tests.Charts;

public class ClassificationChartsTests
{
    [Fact]
    public void EpochLosses_DrawsOneLinePerModel_OverEpochsFromOne()
    {
        var losses = new Dictionary<string, List<double>>
        {
            ["bag of words"] = [0.61, 0.42, 0.35],
            ["fastText"] = [0.69, 0.55],
        };

        var html = GenericChart.toChartHTML(DeepNlp.Charts.Charts.EpochLosses(losses));

        Assert.Contains("\"name\":\"bag of words\"", html);
        Assert.Contains("\"name\":\"fastText\"", html);
        Assert.Contains("\"x\":[1,2,3]", html);
        Assert.Contains("\"y\":[0.61,0.42,0.35]", html);
        Assert.Contains("mean training loss", html);
    }

    [Fact]
    public void EpochLosses_WithoutModels_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => DeepNlp.Charts.Charts.EpochLosses(new Dictionary<string, double[]>()));

        Assert.Contains("no model", error.Message);
    }
}
