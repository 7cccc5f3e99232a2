using DeepNlp.Models;
using DeepNlp.Sampling;
using DeepNlp.Tests.Layers;
using DeepNlp.Training;

namespace DeepNlp.Tests.Models;

public class TransformerLanguageModelTests
{
    private static (TransformerLanguageModel<double> Model, System.Text.Json.JsonElement Fixture) FromFixture()
    {
        var f = TransformerFixture.Load("lm.json");
        var config = new TransformerConfig(TransformerFixture.Int(f, "vocab"), TransformerFixture.Int(f, "model"), TransformerFixture.Int(f, "heads"),
            TransformerFixture.Int(f, "layers"), TransformerFixture.Int(f, "feedforward"), TransformerFixture.Int(f, "max_length"));
        var model = new TransformerLanguageModel<double>(config, seed: 0);
        model.LoadStateDict(TransformerFixture.PathOf("lm_state.json"));
        return (model, f);
    }

    private static int[] Ints(System.Text.Json.JsonElement f, string name) => [.. f.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];

    [Fact]
    public void Forward_MatchesPyTorchFixture()
    {
        var (model, f) = FromFixture();

        var loss = model.Forward(Ints(f, "ids"), Ints(f, "targets"), TransformerFixture.Int(f, "batch"), TransformerFixture.Int(f, "time"));

        TransformerFixture.AssertClose(TransformerFixture.A(f, "logits"), model.Logits, f, "logits");
        Assert.Equal(f.GetProperty("loss").GetDouble(), loss.Mean, 10);
        Assert.Equal(9, loss.Count);
    }

    [Fact]
    public void Backward_MatchesPyTorchFixture()
    {
        var (model, f) = FromFixture();

        var loss = model.Forward(Ints(f, "ids"), Ints(f, "targets"), TransformerFixture.Int(f, "batch"), TransformerFixture.Int(f, "time"));
        model.Backward(loss.Count);

        Assert.Equal(f.GetProperty("parameter_order").EnumerateArray().Select(e => e.GetString()), model.StateDict().Select(t => t.Name));
        TransformerFixture.AssertGradients(model.Parameters, f, "");
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var model = new TransformerLanguageModel<double>(new TransformerConfig(5, ModelSize: 4, Heads: 2, Layers: 2, FeedForwardSize: 6, MaxLength: 4), seed: 3);
        var rng = new Random(13);
        foreach (var p in model.Parameters) DeepNlp.Numerics.Init.Uniform<double>(p.Value, -0.5, 0.5, rng);
        int[] ids = [0, 3, 1, 4, 2, 2, 0, 1];
        int[] targets = [3, 1, -1, 2, 2, 0, 1, 4];

        double Loss() => model.Forward(ids, targets, 2, 4).Mean;
        var result = GradientCheck.Run(model.Parameters, Loss, () => model.Backward(model.Forward(ids, targets, 2, 4).Count));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void StateDict_RoundTripsThroughFile_Exactly()
    {
        var (model, _) = FromFixture();
        var path = Path.Combine(Path.GetTempPath(), $"tlm-{Guid.NewGuid():N}.json");
        var copy = new TransformerLanguageModel<double>(model.Config, seed: 99);

        try
        {
            model.SaveStateDict(path);
            copy.LoadStateDict(path);
        }
        finally { File.Delete(path); }

        for (int p = 0; p < model.Parameters.Count; p++) Assert.Equal(model.Parameters[p].Value, copy.Parameters[p].Value);
    }

    [Fact]
    public void LoadStateDict_WrongShape_NamesTheTensor()
    {
        var (model, _) = FromFixture();
        var tensors = model.StateDict().Select(t => t.Name == "ln_f.weight" ? t with { Shape = [2, t.Shape[0] / 2] } : t).ToList();

        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(tensors));

        Assert.Contains("'ln_f.weight'", e.Message);
    }

    [Fact]
    public void Step_GivesTheLogitsOfForwardAtTheLastPosition()
    {
        var (model, f) = FromFixture();
        int[] prompt = [1, 5, 2];

        object state = model.InitialState();
        double[] logits = [];
        foreach (int token in prompt) logits = model.Step(state, token, out state);
        model.Forward(prompt, [-1, -1, -1], 1, 3);

        Assert.Equal(model.Logits[(2 * 7)..].ToArray(), logits);
        Assert.Equal(12, Samplers.Sample(model, prompt, 12, seed: 1).Length);
    }

    [Fact]
    public void Training_SameSeed_GivesTheSameLoss_AndLossFalls()
    {
        double[] Run()
        {
            var model = new TransformerLanguageModel<float>(new TransformerConfig(11, ModelSize: 16, Heads: 2, Layers: 1, FeedForwardSize: 32, MaxLength: 8), seed: 4);
            var adam = new Adam<float>(model.Parameters, 3e-3);
            int[] ids = [.. Enumerable.Range(0, 4 * 8).Select(i => i % 11)];
            int[] targets = [.. ids.Select(i => (i + 1) % 11)];
            var losses = new List<double>();
            for (int step = 0; step < 60; step++)
            {
                adam.ZeroGrad();
                var loss = model.Forward(ids, targets, 4, 8);
                model.Backward(loss.Count);
                adam.Step();
                losses.Add(loss.Mean);
            }
            return [.. losses];
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first, second);
        Assert.True(first[^1] < 0.5 * first[0], $"loss {first[0]} → {first[^1]}");
    }
}
