using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

/// <summary>Every estimator that claims a distribution sums to 1 over the vocabulary, for random contexts.</summary>
public class NormalizationTests
{
    public static TheoryData<string> Estimators => ["mle", "add1", "add0.01", "jm", "katz", "kn", "mkn", "arpa"];

    private static NGramModel Make(string name, NGramCounts c, List<int[]> heldOut) => name switch
    {
        "mle" => new MaximumLikelihoodModel(c),
        "add1" => new AddKModel(c, 1),
        "add0.01" => new AddKModel(c, 0.01),
        "jm" => JelinekMercerModel.Fit(c, heldOut, iterations: 5),
        "katz" => new KatzBackoffModel(c),
        "kn" => KneserNeyModel.Estimate(c),
        "mkn" => ModifiedKneserNeyModel.Estimate(c),
        _ => RoundTrip(ModifiedKneserNeyModel.Estimate(c)),
    };

    private static BackoffModel RoundTrip(BackoffModel m)
    {
        var writer = new StringWriter();
        ArpaFile.Write(m, writer);
        return ArpaFile.Read(new StringReader(writer.ToString()), "memory", m.Vocabulary);
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void Distribution_RandomContexts_SumsToOne(string name)
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var model = Make(name, NGramCounts.Build(train, v, 3), test);
        var random = new Random(12345);
        var dist = new double[v.Count];

        for (int trial = 0; trial < 25; trial++)
        {
            // Mix of seen contexts (from the training text), random ids, and sentence starts.
            int[] context = (trial % 3) switch
            {
                0 => TrainingContext(train, random, v.BeginId),
                1 => [random.Next(4, v.Count), random.Next(1, v.Count)],
                _ => [v.BeginId, random.Next(4, v.Count)],
            };
            model.Distribution(context, dist);

            Assert.Equal(1.0, dist.Sum(), 1e-5);
            Assert.Equal(0.0, dist[v.BeginId]);
            Assert.Equal(0.0, dist[v.PaddingId]);
            int w = random.Next(1, v.Count);
            if (w != v.BeginId) Assert.Equal(dist[w], model.Probability(context, w), 1e-9);
        }
    }

    [Fact]
    public void StupidBackoff_ScoresDoNotSumToOne()
    {
        var (v, train, _) = TinyCorpus.Gutenberg200();
        var model = new StupidBackoffModel(NGramCounts.Build(train, v, 3));

        double sum = model.Distribution(TinyCorpus.Ids(v, "<s>", "it")).Sum();

        Assert.False(model.IsNormalized);
        Assert.True(sum > 1.01, $"sum {sum}");
    }

    private static int[] TrainingContext(List<int[]> train, Random random, int bos)
    {
        var s = train[random.Next(train.Count)];
        var padded = new[] { bos }.Concat(s).ToArray();
        int end = random.Next(1, padded.Length + 1);
        return padded[Math.Max(0, end - 2)..end];
    }
}
