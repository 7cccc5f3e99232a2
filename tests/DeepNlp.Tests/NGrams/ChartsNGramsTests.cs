using DeepNlp.NGrams;
using Plotly.NET;

namespace DeepNlp.Tests.NGrams;

public class ChartsNGramsTests
{
    [Fact]
    public void Sparsity_TinyCorpus_CountsUnseenHeldOutNGrams()
    {
        var (v, train) = TinyCorpus.Abab();
        var counts = NGramCounts.Build(train, v, 2);

        var points = counts.Sparsity([TinyCorpus.Ids(v, "b", "b")]);

        // Held out: <s> b b </s>. Unigrams b, b, </s> all seen; bigrams (<s> b) seen, (b b) unseen, (b </s>) seen.
        Assert.Equal(new SparsityPoint(1, 3, 0), points[0]);
        Assert.Equal(new SparsityPoint(2, 3, 1), points[1]);
    }

    [Fact]
    public void Charts_RenderOneTracePerSeries()
    {
        var chart = DeepNlp.Charts.Charts.PerplexityByOrder([new("MLE", 1, 500), new("MLE", 2, double.PositiveInfinity), new("KN", 1, 480), new("KN", 2, 300)]);

        var json = GenericChart.toChartHTML(chart);

        Assert.Contains("\"name\":\"MLE\"", json);
        Assert.Contains("\"name\":\"KN\"", json);
        Assert.Contains("\"type\":\"log\"", json);
    }
}
