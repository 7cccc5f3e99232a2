using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNlp.WordVectors;

/// <summary>The word2vec objectives and their gradients, written once for float (training) and double (gradient checks).</summary>
/// <remarks>
/// Symbols follow the lecture: <c>v_c</c> is the centre (input) vector, <c>u_o</c> an outside (output) vector,
/// <c>U</c> the output matrix <c>[V, d]</c>. <see cref="NaiveSoftmaxSkipGram"/> trains with <see cref="NaiveSoftmax{T}"/>;
/// <see cref="NegativeSamplingLoss{T}"/> is one target's term of the loss whose update <see cref="SkipGram.Step{T}"/> and
/// <see cref="Cbow.Step{T}"/> write out (the one place a student reads that update); the tests call them with
/// <c>T = double</c> against central differences.
/// The logistic function is exact (<c>1/(1+e^-s)</c>). The C tool instead reads a 1000-entry table over [-6, 6] and
/// treats scores beyond ±6 (MAX_EXP) as saturated; the exact form costs one exp per pair, keeps the update the true
/// gradient, and changes nothing measurable in accuracy.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class Word2VecGradients
{
    /// <summary>Naive-softmax skip-gram loss for one (centre, outside) pair, adding its gradients to the buffers.</summary>
    /// <param name="vc">Centre vector <c>v_c</c>, <c>[d]</c>.</param>
    /// <param name="U">Output matrix <c>[V, d]</c>, row-major.</param>
    /// <param name="outside">Id <c>o</c> of the outside word.</param>
    /// <param name="dVc">Receives <c>+= ∂J/∂v_c</c>, <c>[d]</c>.</param>
    /// <param name="dU">Receives <c>+= ∂J/∂U</c>, <c>[V, d]</c>.</param>
    /// <param name="probs">Scratch <c>[V]</c>; holds <c>ŷ = softmax(U v_c)</c> on return.</param>
    /// <returns><c>J = -log ŷ_o</c>.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <remarks>
    /// J = -u_oᵀv_c + log Σ_w exp(u_wᵀv_c); ∂J/∂v_c = Uᵀ(ŷ - y); ∂J/∂u_w = (ŷ_w - y_w) v_c.
    /// The softmax subtracts the maximum score first.
    /// </remarks>
    public static T NaiveSoftmax<T>(ReadOnlySpan<T> vc, ReadOnlySpan<T> U, int outside, Span<T> dVc, Span<T> dU, Span<T> probs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = vc.Length, V = probs.Length;
        if (U.Length != V * d) throw new ArgumentException($"U must be [V={V}, d={d}].", nameof(U));
        if (dU.Length != U.Length) throw new ArgumentException("dU must have U's shape.", nameof(dU));
        if (dVc.Length != d) throw new ArgumentException("dVc must have v_c's length.", nameof(dVc));
        if ((uint)outside >= (uint)V) throw new ArgumentOutOfRangeException(nameof(outside));
        for (int w = 0; w < V; w++) probs[w] = TensorPrimitives.Dot(U.Slice(w * d, d), vc);      // s_w = u_wᵀ v_c
        T max = TensorPrimitives.Max<T>(probs);
        T sum = T.Zero;
        for (int w = 0; w < V; w++) { probs[w] = T.Exp(probs[w] - max); sum += probs[w]; }
        T loss = T.Log(sum) - T.Log(probs[outside]);                                             // J = -log ŷ_o
        for (int w = 0; w < V; w++) probs[w] /= sum;                                             // ŷ = softmax(s)
        for (int w = 0; w < V; w++)
        {
            T e = probs[w] - (w == outside ? T.One : T.Zero);                                    // ŷ_w - y_w
            TensorPrimitives.MultiplyAdd(U.Slice(w * d, d), e, dVc, dVc);                        // ∂v_c += (ŷ_w - y_w) u_w
            TensorPrimitives.MultiplyAdd(vc, e, dU.Slice(w * d, d), dU.Slice(w * d, d));         // ∂u_w += (ŷ_w - y_w) v_c
        }
        return loss;
    }

    /// <summary>The logistic function σ(s) = 1 / (1 + e^-s).</summary>
    public static T Sigmoid<T>(T s) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-s));

    /// <summary>One term of the negative-sampling loss: <c>-log σ(hᵀu)</c> for a true pair, <c>-log σ(-hᵀu)</c> for a noise word.</summary>
    /// <param name="h">Hidden vector: <c>v_c</c> (skip-gram) or the mean of the context vectors (CBOW), <c>[d]</c>.</param>
    /// <param name="u">Output vector of the target word, <c>[d]</c>.</param>
    /// <param name="label">1 for the observed word, 0 for a sampled negative.</param>
    public static T NegativeSamplingLoss<T>(ReadOnlySpan<T> h, ReadOnlySpan<T> u, T label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = TensorPrimitives.Dot(h, u);
        T z = label == T.One ? s : -s;
        // -log σ(z) = log(1 + e^-z), written so that neither branch overflows
        return z >= T.Zero ? T.LogP1(T.Exp(-z)) : -z + T.LogP1(T.Exp(z));
    }
}
