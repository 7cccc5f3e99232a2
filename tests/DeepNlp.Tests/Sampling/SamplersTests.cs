using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Sampling;

namespace DeepNlp.Tests.Sampling;

public class SamplersTests
{
    private static RecurrentLanguageModel<float> Model() =>
        new(new LanguageModelConfig(12, 5, 16, 1, CellKind.Lstm), seed: 11);

    [Fact]
    public void BeamWidthOne_EqualsGreedy()
    {
        var model = Model();

        var greedy = Samplers.Greedy(model, [1, 2], 15);
        var beam = Samplers.BeamSearch(model, [1, 2], 15, width: 1);

        Assert.Equal(greedy, beam.Tokens);
    }

    [Fact]
    public void Sample_SameSeed_SameText_DifferentSeed_DifferentText()
    {
        var model = Model();

        var a = Samplers.Sample(model, [3], 40, seed: 5, temperature: 1.5);
        var b = Samplers.Sample(model, [3], 40, seed: 5, temperature: 1.5);
        var c = Samplers.Sample(model, [3], 40, seed: 6, temperature: 1.5);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Distribution_TopKAndTopP_KeepOnlyTheHead()
    {
        double[] logits = [Math.Log(0.5), Math.Log(0.3), Math.Log(0.15), Math.Log(0.05)];

        var k2 = Samplers.Distribution(logits, topK: 2);
        var p = Samplers.Distribution(logits, topP: 0.75);

        Assert.Equal([0.625, 0.375, 0, 0], k2.Select(x => Math.Round(x, 9)));
        Assert.Equal([0.625, 0.375, 0, 0], p.Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public void WiderBeam_FindsAtLeastAsProbableASequence()
    {
        var model = Model();

        var one = Samplers.BeamSearch(model, [1], 8, width: 1, lengthPenalty: 0);
        var five = Samplers.BeamSearch(model, [1], 8, width: 5, lengthPenalty: 0);

        Assert.True(five.LogProbability >= one.LogProbability - 1e-9, $"{five.LogProbability} < {one.LogProbability}");
    }
}

public class TextGenerationTests
{
    [Fact]
    public void Sample_CharModel_ReturnsRequestedNumberOfVocabularyCharacters()
    {
        var vocab = DeepNlp.Text.Vocabulary.FromCharacters("abc d\n");
        var model = DeepNlp.Models.LanguageModels.Gru(vocab.Count, hidden: 8, embedding: 4, seed: 2);

        var text = TextGeneration.Sample(model, vocab, "ab", 30, seed: 1, temperature: 0.8, topK: 3);

        Assert.Equal(30, text.Length);
        Assert.All(text, c => Assert.Contains(c, "abc d\n"));
        Assert.Equal(text, TextGeneration.Sample(model, vocab, "ab", 30, seed: 1, temperature: 0.8, topK: 3));
    }
}
