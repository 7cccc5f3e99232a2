using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>The one place where the Transformer layers call the GEMM: C = op(A)·op(B), or C += op(A)·op(B).</summary>
/// <remarks>Every product of the Transformer layers (scaled dot-product attention, the multi-head projections, the block and the
/// language model) goes through <see cref="Multiply{T}"/>, so a change of the GEMM's signature is adapted here only.</remarks>
internal static class TransformerGemm
{
    /// <summary>C [m, n] = op(A) [m, k] · op(B) [k, n]; A stored [k, m] when <paramref name="transA"/>, B stored [n, k] when
    /// <paramref name="transB"/>.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c,
        bool accumulate = false) where T : unmanaged, IFloatingPointIeee754<T>
        => Ops.Gemm(a, b, c, m, n, k, transposeA: transA, transposeB: transB, accumulate: accumulate);
}
