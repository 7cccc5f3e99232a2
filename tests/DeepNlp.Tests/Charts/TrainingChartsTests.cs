using DeepNlp.Evaluation;
using DeepNlp.Training;
using Plotly.NET;

namespace DeepNlp.Tests.Charts;

public class TrainingChartsTests
{
    [Fact]
    public void LossCurve_HasTrainAndValidationSeries()
    {
        var run = new TrainingRun();
        run.StepLosses.AddRange([3.0, 2.5, 2.0, 1.8]);
        run.Validation.Add((4, 1.9));

        var html = GenericChart.toChartHTML(DeepNlp.Charts.Charts.LossCurve(run, smoothing: 1));

        Assert.Contains("\"name\":\"train\"", html);
        Assert.Contains("\"name\":\"validation\"", html);
        Assert.Contains("1.9", html);
    }

    [Fact]
    public void GateActivations_OneSeriesPerGate()
    {
        var gates = new[] { new GateStatistics("i", 0.5, 0.1, 0.1, new int[20]), new GateStatistics("g", 0, 0.2, 0.2, new int[20]) };

        var html = GenericChart.toChartHTML(DeepNlp.Charts.Charts.GateActivations(gates));

        Assert.Contains("i (mean 0.50)", html);
        Assert.Contains("g (mean 0.00)", html);
    }

    [Fact]
    public void Heatmap_UsesGivenLabels()
    {
        var html = GenericChart.toChartHTML(DeepNlp.Charts.Charts.Heatmap([[1.0, 2.0], [3.0, 4.0]], ["a", "b"], ["x", "y"], "H"));

        Assert.Contains("\"heatmap\"", html);
        Assert.Contains("[\"a\",\"b\"]", html);
    }
}
