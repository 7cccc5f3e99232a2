using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

/// <summary>A synthetic corpus: sentences draw words from one of two disjoint topics (a0..a9 or b0..b9).</summary>
internal static class TopicCorpus
{
    public static TrainingCorpus Create(int sentences = 1500, int seed = 7)
    {
        var rng = new Random(seed);
        var list = new List<string[]>();
        for (int s = 0; s < sentences; s++)
        {
            char topic = s % 2 == 0 ? 'a' : 'b';
            list.Add(Enumerable.Range(0, 10).Select(_ => $"{topic}{rng.Next(10)}").ToArray());
        }
        return TrainingCorpus.FromSentences(list, minCount: 1);
    }

    /// <summary>Mean cosine within a topic minus mean cosine across topics.</summary>
    public static double Separation(WordEmbeddings e)
    {
        double within = 0, across = 0;
        int nw = 0, na = 0;
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
            {
                if (i != j) { within += e.Cosine($"a{i}", $"a{j}") + e.Cosine($"b{i}", $"b{j}"); nw += 2; }
                across += e.Cosine($"a{i}", $"b{j}"); na++;
            }
        return within / nw - across / na;
    }
}
