using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.WordVectors;

/// <summary>Skip-gram with negative sampling: the reference update for one (word, context) pair, as the lecture writes it.</summary>
/// <remarks>
/// <para>For the input vector v_c and the output vectors u_o (the observed word) and u_k (K noise words), the loss is
/// J = -log σ(u_oᵀv_c) - Σ_k log σ(-u_kᵀv_c), with ∂J/∂u_o = (σ(u_oᵀv_c) - 1) v_c, ∂J/∂u_k = σ(u_kᵀv_c) v_c and
/// ∂J/∂v_c = (σ(u_oᵀv_c) - 1) u_o + Σ_k σ(u_kᵀv_c) u_k. One SGD step with rate α, in the word2vec C tool's order: each
/// target's u moves at once, and v_c moves by the sum of its terms (each taken with the old u) after the last target.</para>
/// <para>As in the C tool and gensim, <see cref="Word2Vec"/> calls this with v_c the <em>context</em> word's input vector
/// and the centre word as the observed target; the pairs are the same, only the roles' names swap. The logistic is exact.
/// <see cref="Word2Vec"/> runs this for <see cref="double"/> and when <see cref="Word2VecOptions.UseFastPath"/> is off; the
/// fast tier (<c>Kernels/Word2VecKernel.cs</c>, padded aligned rows, prefetching) is tested equal to it.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.</para>
/// </remarks>
public static class SkipGram
{
    /// <summary>One SGD step on the pair's negative-sampling loss.</summary>
    /// <param name="vc">The input vector v_c [d], updated in place.</param>
    /// <param name="output">The output vectors U [V, d], row-major; the target rows are updated in place.</param>
    /// <param name="targets">Row ids into <paramref name="output"/>: the observed word o first, then the noise words k.</param>
    /// <param name="alpha">Learning rate α.</param>
    /// <param name="e">Scratch [d]; holds -α ∂J/∂v_c on return.</param>
    /// <exception cref="ArgumentException"><paramref name="e"/> and <paramref name="vc"/> differ in length, or U is not whole rows.</exception>
    public static void Step<T>(Span<T> vc, Span<T> output, ReadOnlySpan<int> targets, T alpha, Span<T> e)
        where T : unmanaged, IFloatingPointIeee754<T> => StepSkippingSaturated(vc, output, targets, alpha, e, T.PositiveInfinity);

    // The same step where a target whose score has |uᵀv_c| ≥ saturation is left out (g = 0): gensim's skip of saturated
    // scores, for the experiments of Word2VecVariant.SkipSaturated. +∞ is the step above.
    internal static void StepSkippingSaturated<T>(Span<T> vc, Span<T> output, ReadOnlySpan<int> targets, T alpha, Span<T> e, T saturation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = vc.Length;
        if (e.Length != d) throw new ArgumentException($"e has {e.Length} elements, v_c has {d}.", nameof(e));
        if (d == 0 || output.Length % d != 0) throw new ArgumentException($"U ({output.Length} elements) is not whole rows of {d}.", nameof(output));
        e.Clear();
        for (int t = 0; t < targets.Length; t++)
        {
            var u = output.Slice(targets[t] * d, d);                    // u_o for t = 0, then u_k
            T label = t == 0 ? T.One : T.Zero;
            T score = Ops.Dot<T>(u, vc);
            T g = T.Abs(score) < saturation ? alpha * (label - Sigmoid(score)) : T.Zero;   // g = α (label - σ(uᵀv_c))
            Ops.Axpy(g, u, e);                                         // e += g u        (-α ∂J/∂v_c, with the old u)
            Ops.Axpy(g, vc, u);                                        // u += g v_c      (-α ∂J/∂u)
        }
        Ops.AddInPlace<T>(e, vc);                                      // v_c += e
    }

    /// <summary>The logistic function σ(s) = 1 / (1 + e^-s).</summary>
    /// <param name="s">A score uᵀv.</param>
    public static T Sigmoid<T>(T s) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-s));
}
