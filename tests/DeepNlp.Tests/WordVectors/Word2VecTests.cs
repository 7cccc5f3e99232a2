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

    // Issue 21's experiment switches (Word2VecVariant): each one changes what is trained, and the default is the C tool.
    public static TheoryData<string> VariantNames => ["init", "perworker", "global", "saturated", "subsample"];

    private static Word2VecVariant VariantNamed(string name) => name switch
    {
        "init" => new Word2VecVariant { InitRange = 1 },
        "perworker" => new Word2VecVariant { Schedule = Word2VecSchedule.GensimPerWorker },
        "global" => new Word2VecVariant { Schedule = Word2VecSchedule.GensimGlobal },
        "saturated" => new Word2VecVariant { SkipSaturated = true },
        _ => new Word2VecVariant { SubsampleHighBits = true },
    };

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void Train_GensimVariant_ChangesTheVectors_DefaultDoesNot(string name)
    {
        var corpus = TopicCorpus.Create();                                   // 15,000 words an epoch: the rate moves 4 times
        // A large rate and dimension so that some scores pass ±6 and the saturation switch has something to skip.
        var options = Small with { Sample = 1e-3, Alpha = 0.2, Dimension = 64 };

        var cTool = Word2Vec.Train(corpus, options);
        var explicitCTool = Word2Vec.Train(corpus, options with { Variant = new Word2VecVariant() });
        var variant = Word2Vec.Train(corpus, options with { Variant = VariantNamed(name) });

        Assert.Equal(cTool.Input, explicitCTool.Input);
        Assert.NotEqual(cTool.Input, variant.Input);
    }

    [Fact]
    public void InitInput_GensimRange_IsTwiceTheCToolStart()
    {
        const int V = 50, d = 10;
        var c = new float[V * d];
        var g = new float[V * d];
        unsafe
        {
            fixed (float* pc = c) Word2Vec.InitInput(pc, V, d, d, seed: 1, range: 0.5);
            fixed (float* pg = g) Word2Vec.InitInput(pg, V, d, d, seed: 1, range: 1);
        }

        Assert.All(c, x => Assert.InRange(x, -0.5f / d, 0.5f / d));
        for (int i = 0; i < c.Length; i++) Assert.Equal(2 * c[i], g[i]);
        Assert.True(g.Max() > 0.9f / d && g.Min() < -0.9f / d);
    }

    [Fact]
    public void LearningRate_Schedules_FollowTheCToolAndGensim()
    {
        var cTool = Word2VecVariant.CTool;
        var global = new Word2VecVariant { Schedule = Word2VecSchedule.GensimGlobal };
        var perWorker = new Word2VecVariant { Schedule = Word2VecSchedule.GensimPerWorker };
        const float a0 = 0.025f;
        const long T = 1_000_000;

        Assert.Equal(a0, Word2Vec.LearningRate(cTool, a0, 0, T, 0, 10));
        Assert.Equal(a0 * (float)(1 - 500_000 / (double)(T + 1)), Word2Vec.LearningRate(cTool, a0, 500_000, T, 0, 10));
        Assert.Equal(a0 * 1e-4f, Word2Vec.LearningRate(cTool, a0, T, T, 0, 10), 1e-9f);                  // the C tool's floor, α₀·1e-4
        Assert.Equal(1e-4f, Word2Vec.LearningRate(global, a0, T, T, 0, 10), 1e-9f);                       // gensim's min_alpha
        Assert.Equal(0.025 - 0.0249 * 0.5, Word2Vec.LearningRate(global, a0, T / 2, T, 0, 10), 1e-7);
        // corpus_file, 2 workers: each ends epoch e half way to the next epoch's start, the last at about α₀/20.
        Assert.Equal(0.025 - 0.0249 * 0.05, Word2Vec.LearningRate(perWorker, a0, 0, T, 0.5, 10), 1e-7);
        Assert.Equal(0.025 - 0.0249 * 0.95, Word2Vec.LearningRate(perWorker, a0, 0, T, 9.5, 10), 1e-7);
    }

    [Fact]
    public void SubsampleUniform_CToolLowBits_GensimBits16To47()
    {
        const ulong next = 0x0000_ABCD_1234_8000UL;

        Assert.Equal(0x8000 / 65536f, Word2Vec.SubsampleUniform(next, highBits: false));
        Assert.Equal(0xABCD1234u / 4294967296f, Word2Vec.SubsampleUniform(next, highBits: true));
    }

    [Fact]
    public void Train_EmptyCorpus_IsRejected()
    {
        var corpus = TrainingCorpus.FromSentences([], minCount: 1);

        Assert.Throws<ArgumentException>(() => Word2Vec.Train(corpus, Small));
    }
}
