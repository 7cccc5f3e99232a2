namespace DeepNlp.Gpu;

/// <summary>The parameters (or their gradients) of a <see cref="GpuCharLstm"/>, copied to host arrays, named as in PyTorch.</summary>
/// <param name="Embedding">[vocabulary, embedding] (<c>embedding.weight</c>).</param>
/// <param name="WeightIh">[4·hidden, embedding] (<c>lstm.weight_ih_l0</c>), gate blocks i, f, g, o.</param>
/// <param name="WeightHh">[4·hidden, hidden] (<c>lstm.weight_hh_l0</c>).</param>
/// <param name="BiasIh">[4·hidden] (<c>lstm.bias_ih_l0</c>).</param>
/// <param name="BiasHh">[4·hidden] (<c>lstm.bias_hh_l0</c>).</param>
/// <param name="WeightOut">[vocabulary, hidden] (<c>decoder.weight</c>).</param>
/// <param name="BiasOut">[vocabulary] (<c>decoder.bias</c>).</param>
public sealed record GpuCharLstmWeights(float[] Embedding, float[] WeightIh, float[] WeightHh, float[] BiasIh, float[] BiasHh,
    float[] WeightOut, float[] BiasOut)
{
    /// <summary>The arrays in storage order (the order of the flat device buffer).</summary>
    public IReadOnlyList<float[]> All => [Embedding, WeightIh, WeightHh, BiasIh, BiasHh, WeightOut, BiasOut];

    /// <summary>Names matching <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Embedding", "WeightIh", "WeightHh", "BiasIh", "BiasHh", "WeightOut", "BiasOut"];
}
