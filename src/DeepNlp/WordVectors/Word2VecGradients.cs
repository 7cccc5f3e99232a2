using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace DeepNlp.WordVectors;

/// <summary>The word2vec objectives and their gradients, written once for float (training) and double (gradient checks).</summary>
/// <remarks>
/// Symbols follow the lecture: <c>v_c</c> is the centre (input) vector, <c>u_o</c> an outside (output) vector,
/// <c>U</c> the output matrix <c>[V, d]</c>. <see cref="NaiveSoftmaxSkipGram"/> trains with <see cref="NaiveSoftmax{T}"/>;
/// <see cref="NegativeSamplingStep{T}"/> is one target's term of the update that <see cref="SkipGram.Step{T}"/> and
/// <see cref="Cbow.Step{T}"/> loop over; the tests call them with <c>T = double</c> against central differences.
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

    /// <summary>One SGD step on one negative-sampling term, exactly the update of the word2vec C tool's inner loop.</summary>
    /// <param name="h">Hidden vector (read), <c>[d]</c>.</param>
    /// <param name="u">Output vector of the target word, updated in place: <c>u += α (label - σ(hᵀu)) h</c>.</param>
    /// <param name="label">1 for the observed word, 0 for a sampled negative.</param>
    /// <param name="alpha">Learning rate α.</param>
    /// <param name="hUpdate">Accumulates <c>α (label - σ(hᵀu)) u</c> (using u before its update), the C tool's <c>neu1e</c>.</param>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    /// <remarks>
    /// With g = label - σ(hᵀu), the term's gradients are ∂ℓ/∂u = -g h and ∂ℓ/∂h = -g u, so the step moves u by
    /// -α ∂ℓ/∂u and returns -α ∂ℓ/∂h in <paramref name="hUpdate"/>, to be added to the input vectors once all
    /// targets of the pair have been seen (as the C tool does).
    /// </remarks>
    public static void NegativeSamplingStep<T>(ReadOnlySpan<T> h, Span<T> u, T label, T alpha, Span<T> hUpdate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (u.Length != h.Length || hUpdate.Length != h.Length) throw new ArgumentException("h, u and hUpdate need the same length.", nameof(u));
        int d = h.Length, i = 0;
        ref T rh = ref MemoryMarshal.GetReference(h);
        ref T ru = ref MemoryMarshal.GetReference(u);
        ref T re = ref MemoryMarshal.GetReference(hUpdate);
        T s = T.Zero;                                                // s = hᵀu (inlined: a library call costs as much as the work at d = 100)
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var acc0 = Vector<T>.Zero;
            var acc1 = Vector<T>.Zero;
            int w = Vector<T>.Count;
            for (; i <= d - 2 * w; i += 2 * w)
            {
                acc0 += Vector.LoadUnsafe(ref rh, (nuint)i) * Vector.LoadUnsafe(ref ru, (nuint)i);
                acc1 += Vector.LoadUnsafe(ref rh, (nuint)(i + w)) * Vector.LoadUnsafe(ref ru, (nuint)(i + w));
            }
            for (; i <= d - w; i += w) acc0 += Vector.LoadUnsafe(ref rh, (nuint)i) * Vector.LoadUnsafe(ref ru, (nuint)i);
            s = Vector.Sum(acc0 + acc1);
        }
        for (; i < d; i++) s += Unsafe.Add(ref rh, i) * Unsafe.Add(ref ru, i);
        T g = (label - Sigmoid(s)) * alpha;                          // g = α (label - σ(s))
        // One fused pass: neu1e += g u (old u), then u += g h. Two separate axpy calls would read u twice.
        i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var gv = new Vector<T>(g);
            for (; i <= d - Vector<T>.Count; i += Vector<T>.Count)
            {
                var uv = Vector.LoadUnsafe(ref ru, (nuint)i);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref re, (nuint)i) + gv * uv, ref re, (nuint)i);
                Vector.StoreUnsafe(uv + gv * Vector.LoadUnsafe(ref rh, (nuint)i), ref ru, (nuint)i);
            }
        }
        for (; i < d; i++)
        {
            T old = Unsafe.Add(ref ru, i);
            Unsafe.Add(ref re, i) += g * old;
            Unsafe.Add(ref ru, i) = old + g * Unsafe.Add(ref rh, i);
        }
    }
}
