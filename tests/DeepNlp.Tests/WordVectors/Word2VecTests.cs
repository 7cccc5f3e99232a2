using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class Word2VecTests
{
    private static readonly Word2VecOptions Small = new(Dimension: 16, Window: 3, Negative: 5, Sample: 0, Epochs: 3, Threads: 1, Seed: 5);

    [Fact]
    public void Train_SingleThreadSameSeed_GivesIdenticalVectors()
    {
        var corpus = TopicCorpus.Create(400);

        var a = Word2Vec.Train(corpus, Small);
        var b = Word2Vec.Train(corpus, Small);
        var c = Word2Vec.Train(corpus, Small with { Seed = 6 });

        Assert.Equal(a.Input, b.Input);
        Assert.Equal(a.Output, b.Output);
        Assert.NotEqual(a.Input, c.Input);
    }

    // Lecture 01 trains both architectures with these options (only the corpus and the epochs differ), on one thread
    // because Hogwild threads make the result depend on the scheduler.
    [Theory]
    [InlineData(Word2VecArchitecture.SkipGram)]
    [InlineData(Word2VecArchitecture.Cbow)]
    public void Train_LectureOneConfigurationSameSeed_GivesIdenticalVectors(Word2VecArchitecture arch)
    {
        var corpus = TopicCorpus.Create(400);
        var lecture = new Word2VecOptions(Dimension: 100, Window: 5, Negative: 5, Sample: 1e-3, Epochs: 2, Threads: 1, Seed: 1) { Architecture = arch };

        var a = Word2Vec.Train(corpus, lecture);
        var b = Word2Vec.Train(corpus, lecture);

        Assert.Equal(a.Input, b.Input);
        Assert.Equal(a.Output, b.Output);
        Assert.NotEqual(a.Input, Word2Vec.Train(corpus, lecture with { Seed = 2 }).Input);
    }

    [Theory]
    [InlineData(Word2VecArchitecture.SkipGram)]
    [InlineData(Word2VecArchitecture.Cbow)]
    public void Train_FastPath_MatchesReferenceUpdate_Float32(Word2VecArchitecture arch)
    {
        var corpus = TopicCorpus.Create(400);
        var options = Small with { Architecture = arch, Epochs = 1, Sample = 1e-3 };

        var reference = Word2Vec.Train(corpus, options with { UseFastPath = false });
        var fast = Word2Vec.Train(corpus, options);

        float scale = reference.Input.Max(MathF.Abs);
        for (int i = 0; i < fast.Input.Length; i++) Assert.True(MathF.Abs(reference.Input[i] - fast.Input[i]) <= 1e-4f * scale, $"input {i}");
        for (int i = 0; i < fast.Output.Length; i++) Assert.True(MathF.Abs(reference.Output[i] - fast.Output[i]) <= 1e-4f * scale, $"output {i}");
    }

    [Theory]
    [InlineData(Word2VecArchitecture.SkipGram, 1)]
    [InlineData(Word2VecArchitecture.Cbow, 1)]
    [InlineData(Word2VecArchitecture.SkipGram, 2)]
    public void Train_TopicCorpus_SeparatesTheTopics(Word2VecArchitecture arch, int threads)
    {
        var corpus = TopicCorpus.Create();

        var model = Word2Vec.Train(corpus, Small with { Architecture = arch, Threads = threads, Sample = 1e-3 });

        Assert.True(TopicCorpus.Separation(model.Vectors()) > 0.3, $"separation {TopicCorpus.Separation(model.Vectors())}");
        Assert.True(TopicCorpus.Separation(model.Vectors(VectorKind.Average)) > 0.3);
    }

    [Fact]
    public void Train_ReportsProgressEndingAtTheWholeCorpus()
    {
        var corpus = TopicCorpus.Create(300);
        var reports = new List<Word2VecProgress>();

        Word2Vec.Train(corpus, Small, new InlineProgress<Word2VecProgress>(reports.Add));

        Assert.Equal(3 * corpus.TokenCount, reports[^1].WordsProcessed);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void KeepProbabilities_FollowTheCToolFormula()
    {
        var keep = Word2Vec.KeepProbabilities([1000, 10], trainWords: 1_000_000, sample: 1e-4);

        Assert.Equal((Math.Sqrt(10) + 1) * 0.1, keep[0], 6);
        Assert.True(keep[1] > 1);
    }

    [Fact]
    public void NaiveSoftmaxSkipGram_TopicCorpus_ReachesTheEntropyOfATopic()
    {
        var corpus = TopicCorpus.Create(200);

        var model = NaiveSoftmaxSkipGram.Train(corpus, dimension: 8, window: 2, epochs: 5, learningRate: 0.1);

        Assert.Equal(5, model.EpochLosses.Count);
        // Outside words are uniform within a topic, so the best loss is about log 10, far below log 20 (uniform over all words)
        Assert.True(model.EpochLosses[^1] < Math.Log(10) + 0.1, string.Join(", ", model.EpochLosses));
        Assert.True(TopicCorpus.Separation(model.Vectors()) > 0.3);
    }

    [Fact]
    public void Train_EmptyCorpus_IsRejected()
    {
        var corpus = TrainingCorpus.FromSentences([], minCount: 1);

        Assert.Throws<ArgumentException>(() => Word2Vec.Train(corpus, Small));
    }
}
