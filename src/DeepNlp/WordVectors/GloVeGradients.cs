using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNlp.WordVectors;

/// <summary>The GloVe objective for one co-occurrence entry and its gradients, for float (training) and double (gradient checks).</summary>
/// <remarks>
/// J_ij = ½ f(X_ij) (w_iᵀw̃_j + b_i + b̃_j - log X_ij)², with f(x) = (x/x_max)^α below x_max and 1 above
/// (Pennington, Socher and Manning 2014; the ½ is the GloVe tool's). <see cref="GloVe.Train"/> calls this with
/// <c>T = float</c>. Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class GloVeGradients
{
    /// <summary>The weighting function f(x) = min(1, (x / xMax)^alpha).</summary>
    public static T Weight<T>(T x, T xMax, T alpha) where T : IFloatingPointIeee754<T> => x >= xMax ? T.One : T.Pow(x / xMax, alpha);

    /// <summary>Loss of one entry; writes (overwrites) its gradients.</summary>
    /// <param name="wi">Word vector w_i, <c>[d]</c>.</param>
    /// <param name="wj">Context vector w̃_j, <c>[d]</c>.</param>
    /// <param name="bi">Word bias b_i.</param>
    /// <param name="bj">Context bias b̃_j.</param>
    /// <param name="x">Co-occurrence X_ij (&gt; 0).</param>
    /// <param name="xMax">Cut-off x_max (100 in the GloVe tool).</param>
    /// <param name="alpha">Exponent α (0.75).</param>
    /// <param name="dWi">Receives ∂J/∂w_i = f·diff·w̃_j.</param>
    /// <param name="dWj">Receives ∂J/∂w̃_j = f·diff·w_i.</param>
    /// <param name="dB">Receives ∂J/∂b_i = ∂J/∂b̃_j = f·diff.</param>
    /// <returns>J_ij.</returns>
    public static T Entry<T>(ReadOnlySpan<T> wi, ReadOnlySpan<T> wj, T bi, T bj, T x, T xMax, T alpha, Span<T> dWi, Span<T> dWj, out T dB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T diff = TensorPrimitives.Dot(wi, wj) + bi + bj - T.Log(x);     // w_iᵀw̃_j + b_i + b̃_j - log X_ij
        T fdiff = Weight(x, xMax, alpha) * diff;                           // f(X_ij)·diff
        TensorPrimitives.Multiply(wj, fdiff, dWi);                         // ∂J/∂w_i = f·diff·w̃_j
        TensorPrimitives.Multiply(wi, fdiff, dWj);                         // ∂J/∂w̃_j = f·diff·w_i
        dB = fdiff;
        return T.CreateTruncating(0.5) * fdiff * diff;
    }
}
