using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.WordVectors;

/// <summary>CBOW with negative sampling: the reference update for one centre word and its window, as the lecture writes it.</summary>
/// <remarks>
/// <para>The hidden vector is the mean of the context words' input vectors, h = (1/C) Σ_c v_c; the centre word o and the
/// K noise words k are then scored against h exactly as skip-gram scores v_c (<see cref="SkipGram"/>):
/// g = α (label - σ(uᵀh)), e += g u, u += g h. Every context vector then moves by the whole e, not e/C: the word2vec
/// C tool's update (its <c>neu1e</c>), which gensim keeps by default (<c>cbow_mean=1</c>).</para>
/// <para><see cref="Word2Vec"/> runs this for <see cref="double"/> and when <see cref="Word2VecOptions.UseFastPath"/> is
/// off; the fast tier (<c>Kernels/Word2VecKernel.cs</c>) is tested equal to it.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.</para>
/// </remarks>
public static class Cbow
{
    /// <summary>One SGD step on the window's negative-sampling loss.</summary>
    /// <param name="input">The input vectors [V, d], row-major; the context rows are updated in place.</param>
    /// <param name="output">The output vectors U [V, d], row-major; the target rows are updated in place.</param>
    /// <param name="context">Row ids of the context words (at least one).</param>
    /// <param name="targets">Row ids into <paramref name="output"/>: the centre word first, then the noise words.</param>
    /// <param name="alpha">Learning rate α.</param>
    /// <param name="h">Scratch [d]; holds the mean context vector on return.</param>
    /// <param name="e">Scratch [d]; holds the update added to every context vector on return.</param>
    /// <exception cref="ArgumentException">The context is empty, or the scratch spans or matrices do not fit d.</exception>
    public static void Step<T>(Span<T> input, Span<T> output, ReadOnlySpan<int> context, ReadOnlySpan<int> targets, T alpha, Span<T> h, Span<T> e)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = h.Length;
        if (context.IsEmpty) throw new ArgumentException("CBOW needs at least one context word.", nameof(context));
        if (e.Length != d) throw new ArgumentException($"e has {e.Length} elements, h has {d}.", nameof(e));
        if (d == 0 || input.Length % d != 0 || output.Length % d != 0)
            throw new ArgumentException($"The matrices are not whole rows of {d}.", nameof(input));
        h.Clear();
        foreach (int c in context) Ops.AddInPlace<T>(input.Slice(c * d, d), h);   // h = Σ_c v_c
        Ops.Scale<T>(h, T.One / T.CreateTruncating(context.Length), h);          // h = (1/C) Σ_c v_c
        e.Clear();
        for (int t = 0; t < targets.Length; t++)
        {
            var u = output.Slice(targets[t] * d, d);                               // u_o for t = 0, then u_k
            T label = t == 0 ? T.One : T.Zero;
            T g = alpha * (label - SkipGram.Sigmoid(Ops.Dot<T>(u, h)));           // g = α (label - σ(uᵀh))
            Ops.Axpy(g, u, e);                                                    // e += g u        (-α ∂J/∂h, with the old u)
            Ops.Axpy(g, h, u);                                                    // u += g h        (-α ∂J/∂u)
        }
        foreach (int c in context) Ops.AddInPlace<T>(e, input.Slice(c * d, d));  // v_c += e for every context word
    }
}
