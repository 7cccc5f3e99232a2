using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>The steps every attention variant shares (masked softmax, weighted sum and their backward), and the one place
/// where the attention code calls GEMM.</summary>
internal static class AttentionKernels
{
    // The single GEMM entry point of the attention layers, pooling and encoder–decoder (C = op(A)·op(B), or += ).
    internal static void Gemm<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c,
        bool accumulate = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        Ops.Gemm(a, b, c, m, n, k, transposeA: transA, transposeB: transB, accumulate: accumulate);

    /// <summary>Checks the lengths of an attention Forward's spans against B, Tq, Tk, Dq, Dk.</summary>
    internal static void CheckShapes(int queries, int memory, int context, int batch, int queryCount, int keyCount, int queryWidth, int memoryWidth)
    {
        if (batch <= 0 || queryCount <= 0 || keyCount <= 0)
            throw new ArgumentException($"batch, queries and keys must be positive, got {batch}, {queryCount}, {keyCount}.", nameof(batch));
        if (queries != batch * queryCount * queryWidth)
            throw new ArgumentException($"queries has {queries} elements, expected [{batch}, {queryCount}, {queryWidth}].", nameof(queries));
        if (memory != batch * keyCount * memoryWidth)
            throw new ArgumentException($"memory has {memory} elements, expected [{batch}, {keyCount}, {memoryWidth}].", nameof(memory));
        if (context != batch * queryCount * memoryWidth)
            throw new ArgumentException($"context has {context} elements, expected [{batch}, {queryCount}, {memoryWidth}].", nameof(context));
    }

    /// <summary>Checks a key mask [batch, keys] (empty = all real) and that every row keeps at least one key.</summary>
    internal static void CheckMask(ReadOnlySpan<bool> mask, int batch, int keys)
    {
        if (mask.IsEmpty) return;
        if (mask.Length != batch * keys) throw new ArgumentException($"The mask has {mask.Length} entries, expected batch×keys = {batch}×{keys}.", nameof(mask));
        for (int b = 0; b < batch; b++)
            if (!mask.Slice(b * keys, keys).Contains(true)) throw new ArgumentException($"Row {b} of the mask hides every key; attention needs at least one.", nameof(mask));
    }

    /// <summary>α = softmax(e) over the real keys of each row; masked weights are exactly 0.</summary>
    /// <param name="scores">e [batch, queries, keys].</param>
    /// <param name="mask">[batch, keys], true for a real key; empty = all real.</param>
    /// <param name="batch">B.</param>
    /// <param name="queries">Query rows per batch row.</param>
    /// <param name="keys">Key positions per row.</param>
    /// <param name="weights">α [batch, queries, keys].</param>
    internal static void MaskedSoftmax<T>(ReadOnlySpan<T> scores, ReadOnlySpan<bool> mask, int batch, int queries, int keys, Span<T> weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < queries; i++)
            {
                var e = scores.Slice((b * queries + i) * keys, keys);
                var a = weights.Slice((b * queries + i) * keys, keys);
                if (mask.IsEmpty) { Ops.Softmax(e, a); continue; }
                var m = mask.Slice(b * keys, keys);
                T max = T.NegativeInfinity;
                for (int j = 0; j < keys; j++) if (m[j] && e[j] > max) max = e[j];
                T sum = T.Zero;
                for (int j = 0; j < keys; j++)
                {
                    a[j] = m[j] ? T.Exp(e[j] - max) : T.Zero;                  // exp(e_j - max) over real keys only
                    sum += a[j];
                }
                Ops.Scale<T>(a, T.One / sum, a);                                    // α_j = exp(e_j) / Σ_real exp(e_k)
            }
    }

    /// <summary>∂e = α ⊙ (∂α - Σ_j α_j ∂α_j) per row, in place over <paramref name="dWeights"/>; masked entries stay 0 because α is 0 there.</summary>
    internal static void SoftmaxBackward<T>(ReadOnlySpan<T> weights, Span<T> dWeights, int rows, int keys)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var a = weights.Slice(r * keys, keys);
            var d = dWeights.Slice(r * keys, keys);
            T dot = Ops.Dot(a, (ReadOnlySpan<T>)d);
            for (int j = 0; j < keys; j++) d[j] = a[j] * (d[j] - dot);
        }
    }

    /// <summary>c_i = Σ_j α_ij m_j for each batch row: C_b [queries, D] = α_b [queries, keys] · M_b [keys, D].</summary>
    internal static void WeightedSum<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> memory, int batch, int queries, int keys, int size, Span<T> context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = 0; b < batch; b++)
            Gemm(false, false, queries, size, keys, weights.Slice(b * queries * keys, queries * keys),
                memory.Slice(b * keys * size, keys * size), context.Slice(b * queries * size, queries * size));
    }

    /// <summary>Backward of <see cref="WeightedSum{T}"/>: ∂α_b = ∂C_b M_bᵀ (overwritten) and ∂M_b += α_bᵀ ∂C_b.</summary>
    internal static void WeightedSumBackward<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> memory, ReadOnlySpan<T> dContext,
        int batch, int queries, int keys, int size, Span<T> dWeights, Span<T> dMemory) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = 0; b < batch; b++)
        {
            var dc = dContext.Slice(b * queries * size, queries * size);
            Gemm(false, true, queries, keys, size, dc, memory.Slice(b * keys * size, keys * size), dWeights.Slice(b * queries * keys, queries * keys));
            Gemm(true, false, keys, size, queries, weights.Slice(b * queries * keys, queries * keys), dc, dMemory.Slice(b * keys * size, keys * size), accumulate: true);
        }
    }

    /// <summary>Reorders [outer, inner, width] into [inner, outer, width] (time-major ↔ batch-first).</summary>
    internal static void SwapAxes<T>(ReadOnlySpan<T> source, int outer, int inner, int width, Span<T> destination)
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                source.Slice((o * inner + i) * width, width).CopyTo(destination.Slice((i * outer + o) * width, width));
    }

    /// <summary>Copies a Forward input into a buffer kept for Backward.</summary>
    internal static void Keep<TItem>(ReadOnlySpan<TItem> source, ref TItem[] copy)
    {
        if (copy.Length < source.Length) copy = new TItem[source.Length];
        source.CopyTo(copy);
    }

    internal static void Grow<T>(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
