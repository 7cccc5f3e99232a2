using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class ProjectionsTests
{
    [Fact]
    public void Pca_PointsOnALine_HaveNoSecondComponent()
    {
        var words = Enumerable.Range(0, 6).Select(i => $"w{i}").ToArray();
        var e = new WordEmbeddings(words, words.SelectMany((_, i) => new[] { i * 1f, i * 2f, 1f }).ToArray(), 3);

        var p = Projections.Pca(e, words);

        Assert.All(p.Y, y => Assert.True(Math.Abs(y) < 1e-6));
        Assert.Equal(p.X.OrderBy(x => x), p.X);
        Assert.Equal(Math.Sqrt(5), p.X[1] - p.X[0], 6);
    }

    [Fact]
    public void TSne_TwoClusters_StaySeparatedAndAreSeeded()
    {
        var rng = new Random(1);
        var words = Enumerable.Range(0, 20).Select(i => $"w{i}").ToArray();
        var m = words.SelectMany((_, i) => Enumerable.Range(0, 5).Select(k => (float)((i < 10 ? 0 : 10) + rng.NextDouble()))).ToArray();
        var e = new WordEmbeddings(words, m, 5);

        var p = Projections.TSne(e, words, seed: 4);
        var q = Projections.TSne(e, words, seed: 4);

        double Dist(int i, int j) => Math.Sqrt(Math.Pow(p.X[i] - p.X[j], 2) + Math.Pow(p.Y[i] - p.Y[j], 2));
        double within = Enumerable.Range(0, 10).SelectMany(i => Enumerable.Range(0, 10).Select(j => Dist(i, j) + Dist(i + 10, j + 10))).Average() / 2;
        double across = Enumerable.Range(0, 10).SelectMany(i => Enumerable.Range(10, 10).Select(j => Dist(i, j))).Average();
        Assert.True(across > 2 * within, $"within {within}, across {across}");
        Assert.Equal(p.X, q.X);
    }
}
