using DeepNlp.Data;
using Xunit;

namespace DeepNlp.Tests.Data;

public class LeaderboardProtocolTests
{
    private static WordCorpus Corpus()
    {
        var train = Enumerable.Range(0, 40).Select(i => i % 3 == 2 ? "" : "the cat sat . a dog ran , fast").ToArray();
        var valid = new[] { "the cat ran .", "", "a zebra sat", "the dog" };
        return new WordCorpus(train, valid, Array.Empty<string>());
    }

    [Fact]
    public void The_stream_view_predicts_exactly_the_tokens_the_ngram_view_scores()
    {
        var data = LeaderboardProtocol.Gutenberg(corpus: Corpus());
        // Every 4th non-empty validation paragraph: the first ("the cat ran .") only.
        Assert.Single(data.ValidSentences);
        Assert.Equal(data.ValidSentences.Sum(s => s.Length + 1), data.PredictedTokens);
        Assert.Equal(data.PredictedTokens, data.ValidStream.Length - 1);
        Assert.Equal(data.Vocabulary.EndId, data.ValidStream[0]);
        Assert.Equal(data.Vocabulary.EndId, data.ValidStream[^1]);
        Assert.Equal(data.TrainSentences.Sum(s => s.Length + 1), data.TrainStream.Length);
    }

    [Fact]
    public void Words_outside_the_training_subset_become_unk_and_are_counted()
    {
        var data = LeaderboardProtocol.Gutenberg(full: true, corpus: Corpus());
        // Valid words: the cat ran . | a zebra sat | the dog → 9 words, one (zebra) unknown.
        Assert.Equal(3, data.ValidSentences.Count);
        Assert.Equal(1 / 9.0, data.UnknownShare, 12);
        Assert.Equal(Math.E, LeaderboardProtocol.Perplexity(10, 10), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => LeaderboardProtocol.Perplexity(1, 0));
    }
}
