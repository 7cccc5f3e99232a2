using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Training;

namespace DeepNlp.Tests.Models;

public class RecurrentLanguageModelTests
{
    private static (int[] Inputs, int[] Targets) RandomBatch(int batch, int time, int vocab, int seed)
    {
        var rng = new Random(seed);
        var stream = Enumerable.Range(0, batch * (time + 1)).Select(_ => rng.Next(vocab)).ToArray();
        var inputs = new int[batch * time]; var targets = new int[batch * time];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
            {
                inputs[b * time + t] = stream[b * (time + 1) + t];
                targets[b * time + t] = stream[b * (time + 1) + t + 1];
            }
        return (inputs, targets);
    }

    [Theory]
    [InlineData(CellKind.Rnn, 1)]
    [InlineData(CellKind.Lstm, 2)]
    [InlineData(CellKind.Gru, 2)]
    public void WholeBptt_MatchesCentralDifferences_Float64(CellKind cell, int layers)
    {
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(7, 3, 4, layers, cell, ForgetBias: 1), seed: 3);
        var (inputs, targets) = RandomBatch(2, 6, 7, 1);
        targets[3] = -1;

        double Loss() => model.Forward(inputs, targets, 2, 6, training: false).Mean;
        void Backward() { var r = model.Forward(inputs, targets, 2, 6, training: false); model.Backward(r.Count); }
        var result = GradientCheck.Run(model.Parameters, Loss, Backward);

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void TruncatedBptt_MatchesCentralDifferencesWithDetachedStates_Float64(CellKind cell)
    {
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(6, 3, 4, 1, cell), seed: 5);
        var (inputs, targets) = RandomBatch(2, 9, 6, 2);
        const int k = 4;
        var starts = new List<RecurrentState<double>?> { null };
        for (int from = 0; from + k < 9; from += k)
        {
            var (i, t) = Window(inputs, targets, 2, 9, from, k);
            model.Forward(i, t, 2, k, starts[^1], training: false);
            starts.Add(model.FinalState);
        }

        double Loss()
        {
            var total = new CrossEntropyResult(0, 0);
            for (int w = 0, from = 0; from < 9; w++, from += k)
            {
                int len = Math.Min(k, 9 - from);
                var (i, t) = Window(inputs, targets, 2, 9, from, len);
                total += model.Forward(i, t, 2, len, starts[w], training: false);
            }
            return total.Mean;
        }
        var result = GradientCheck.Run(model.Parameters, Loss,
            () => TruncatedBptt.AccumulateGradients(model, inputs, targets, 2, 9, k));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void TruncationLongerThanSequence_EqualsFullBptt()
    {
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(6, 3, 4, 2, CellKind.Lstm), seed: 7);
        var (inputs, targets) = RandomBatch(3, 8, 6, 3);

        foreach (var p in model.Parameters) p.ZeroGrad();
        var full = model.Forward(inputs, targets, 3, 8, training: false);
        model.Backward(full.Count);
        var fullGrads = model.Parameters.Select(p => (double[])p.Grad.Clone()).ToList();
        foreach (var p in model.Parameters) p.ZeroGrad();
        var (truncated, _) = TruncatedBptt.AccumulateGradients(model, inputs, targets, 3, 8, k: 20);
        var shortGrads = model.Parameters.Select(p => (double[])p.Grad.Clone()).ToList();
        foreach (var p in model.Parameters) p.ZeroGrad();
        TruncatedBptt.AccumulateGradients(model, inputs, targets, 3, 8, k: 3);

        Assert.Equal(full.Sum, truncated.Sum, 12);
        for (int p = 0; p < fullGrads.Count; p++)
            for (int j = 0; j < fullGrads[p].Length; j++) Assert.Equal(fullGrads[p][j], shortGrads[p][j], 12);
        Assert.NotEqual(fullGrads[^4], model.Parameters[^4].Grad);   // k = 3 really truncates (W_hh of the top layer differs)
    }

    private static (int[], int[]) Window(int[] inputs, int[] targets, int batch, int time, int from, int len)
    {
        var i = new int[batch * len]; var t = new int[batch * len];
        for (int b = 0; b < batch; b++)
            for (int s = 0; s < len; s++) { i[b * len + s] = inputs[b * time + from + s]; t[b * len + s] = targets[b * time + from + s]; }
        return (i, t);
    }

    [Theory]
    [InlineData(CellKind.Rnn, 1)]
    [InlineData(CellKind.Lstm, 2)]
    public void OneHotInput_WholeBptt_MatchesCentralDifferences_Float64(CellKind cell, int layers)
    {
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(7, 3, 4, layers, cell, OneHotInput: true), seed: 3);
        var (inputs, targets) = RandomBatch(2, 6, 7, 2);

        double Loss() => model.Forward(inputs, targets, 2, 6, training: false).Mean;
        void Backward() { var r = model.Forward(inputs, targets, 2, 6, training: false); model.Backward(r.Count); }
        var result = GradientCheck.Run(model.Parameters, Loss, Backward);

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        Assert.DoesNotContain(model.Parameters, p => p.Name.StartsWith("emb", StringComparison.Ordinal));
    }

    [Fact]
    public void OneHotInput_ComputesMinCharRnnsEquations()
    {
        // min-char-rnn: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), y_t = W_hy h_t + b_y, x_t one-hot; loss = Σ -log softmax(y_t)[target].
        const int V = 5, H = 3, T = 4;
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(V, 99, H, 1, CellKind.Rnn, OneHotInput: true), seed: 4);
        var rnn = (Rnn<double>)model.Recurrent.Cells[0];
        int[] inputs = [0, 3, 3, 1], targets = [3, 3, 1, 4];

        double loss = model.Forward(inputs, targets, 1, T, training: false).Sum;

        double expected = 0;
        var h = new double[H];
        for (int t = 0; t < T; t++)
        {
            var next = new double[H];
            for (int j = 0; j < H; j++)
            {
                double z = rnn.W_ih.Value[j * V + inputs[t]] + rnn.b_ih.Value[j] + rnn.b_hh.Value[j];   // W_xh x_t = column w_t of W_xh
                for (int k = 0; k < H; k++) z += rnn.W_hh.Value[j * H + k] * h[k];
                next[j] = Math.Tanh(z);
            }
            h = next;
            var y = new double[V];
            for (int v = 0; v < V; v++)
            {
                y[v] = model.Output.B!.Value[v];
                for (int k = 0; k < H; k++) y[v] += model.Output.W.Value[v * H + k] * h[k];
            }
            double max = y.Max(), lse = max + Math.Log(y.Sum(v => Math.Exp(v - max)));
            expected += lse - y[targets[t]];
        }
        Assert.Equal(expected, loss, 12);
    }

    [Fact]
    public void OneHotInput_RoundTripsThroughTheCheckpointConfiguration_AndOlderConfigurationsReadAsEmbeddings()
    {
        var config = new LanguageModelConfig(6, 3, 4, 1, CellKind.Rnn, OneHotInput: true);

        string json = System.Text.Json.JsonSerializer.Serialize(config);
        var back = System.Text.Json.JsonSerializer.Deserialize<LanguageModelConfig>(json);
        var older = System.Text.Json.JsonSerializer.Deserialize<LanguageModelConfig>(json.Replace(",\"OneHotInput\":true", "", StringComparison.Ordinal));

        Assert.Equal(config, back);
        Assert.Equal(config with { OneHotInput = false }, older);
    }

    [Fact]
    public void UpdateGateBias_InTheConfig_RaisesOnlyTheZBlockOfEveryGruLayersInputBias()
    {
        const int H = 5;
        var plain = new RecurrentLanguageModel<double>(new LanguageModelConfig(7, 4, H, Layers: 2, Cell: CellKind.Gru), seed: 3);
        var biased = new RecurrentLanguageModel<double>(new LanguageModelConfig(7, 4, H, Layers: 2, Cell: CellKind.Gru, UpdateGateBias: 3), seed: 3);

        foreach (var (p, q) in plain.Parameters.Zip(biased.Parameters))
        {
            var diff = q.Value.Zip(p.Value, (a, b) => a - b).ToArray();
            bool isInputBias = p.Name.StartsWith("gru", StringComparison.Ordinal) && p.Name.EndsWith(".b_ih", StringComparison.Ordinal);
            var expected = Enumerable.Range(0, diff.Length).Select(i => isInputBias && i >= H && i < 2 * H ? 3.0 : 0.0).ToArray();
            Assert.Equal(expected, diff, (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void ScoreStream_ScoresEveryToken_IncludingTheLastPartialWindow_AsTokenByToken(CellKind cell)
    {
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(9, EmbeddingSize: 4, HiddenSize: 5, Cell: cell), seed: 3);
        var rng = new Random(4);
        var stream = Enumerable.Range(0, 24).Select(_ => rng.Next(9)).ToArray();      // 23 predictions: windows of 7 leave 2 over
        double reference = 0;
        RecurrentState<double>? state = null;
        for (int t = 0; t + 1 < stream.Length; t++)                                    // one token at a time, state carried
        {
            reference += model.Forward(stream.AsSpan(t, 1), stream.AsSpan(t + 1, 1), 1, 1, state, training: false).Sum;
            state = model.FinalState;
        }

        var scored = model.ScoreStream(stream, window: 7);

        Assert.Equal(23, scored.Count);
        Assert.Equal(reference, scored.Sum, 10);
        Assert.True(model.Evaluate(stream, batch: 1, time: 7).Count < 23, "Evaluate drops the partial window; ScoreStream must not");
    }
}
