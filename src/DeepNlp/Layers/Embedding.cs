using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>A lookup table: token id → row of a [vocabulary, dimension] matrix (the slides' x = E e_w).</summary>
/// <remarks>Initialised N(0, 1) as nn.Embedding. Backward scatter-adds each output gradient into its token's row.
/// Taught in notebooks/04_neural_language_models.ipynb.</remarks>
public sealed class Embedding<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an embedding table.</summary>
    /// <param name="name">Prefix for the parameter name (<c>name.E</c>).</param>
    /// <param name="vocabularySize">Number of rows.</param>
    /// <param name="dimension">Row length.</param>
    /// <param name="rng">Source of the initial N(0, 1) values.</param>
    public Embedding(string name, int vocabularySize, int dimension, Random rng)
    {
        Weight = new Parameter<T>(name + ".E", vocabularySize, dimension);
        Init.Normal<T>(Weight.Value, 0, 1, rng);
        VocabularySize = vocabularySize;
        Dimension = dimension;
    }

    /// <summary>The table E [vocabulary, dimension].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Number of rows.</summary>
    public int VocabularySize { get; }

    /// <summary>Row length.</summary>
    public int Dimension { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Weight];

    /// <summary>output[n] = E[ids[n]]: copies one row per id.</summary>
    /// <param name="ids">Token ids [count].</param>
    /// <param name="output">Rows [count, dimension].</param>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside [0, vocabulary); the message names its position.</exception>
    /// <exception cref="ArgumentException">The output length is not count·dimension.</exception>
    public void Forward(ReadOnlySpan<int> ids, Span<T> output)
    {
        if (output.Length != ids.Length * Dimension)
            throw new ArgumentException($"Output has {output.Length} elements, expected {ids.Length}×{Dimension}.", nameof(output));
        for (int n = 0; n < ids.Length; n++)
        {
            int id = ids[n];
            if ((uint)id >= (uint)VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} at position {n} is outside the vocabulary [0, {VocabularySize}).");
            Weight.Value.AsSpan(id * Dimension, Dimension).CopyTo(output.Slice(n * Dimension, Dimension));
        }
    }

    /// <summary>∂E[ids[n]] += dOutput[n] for every position.</summary>
    /// <param name="ids">The ids given to Forward [count].</param>
    /// <param name="dOutput">∂L/∂output [count, dimension].</param>
    /// <exception cref="ArgumentException">The gradient length is not count·dimension.</exception>
    public void Backward(ReadOnlySpan<int> ids, ReadOnlySpan<T> dOutput)
    {
        if (dOutput.Length != ids.Length * Dimension)
            throw new ArgumentException($"Gradient has {dOutput.Length} elements, expected {ids.Length}×{Dimension}.", nameof(dOutput));
        for (int n = 0; n < ids.Length; n++)
            Ops.AddInPlace(dOutput.Slice(n * Dimension, Dimension), Weight.Grad.AsSpan(ids[n] * Dimension, Dimension));
    }
}
