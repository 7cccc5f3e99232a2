using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>Attention of a batch of queries over a memory of keys (which are also the values): scores, a masked softmax,
/// and the weighted sum of the memory.</summary>
/// <remarks>
/// context_i = Σ_j α_ij m_j with α_i = softmax_j(score(q_i, m_j)) over the real (unmasked) memory positions. The
/// variants differ only in the score: <see cref="AdditiveAttention{T}"/> (Bahdanau) and
/// <see cref="MultiplicativeAttention{T}"/> (Luong). Batch first: queries [batch, queries, Dq], memory [batch, keys, Dk].
/// Taught in notebooks/10_attention_and_transformers.ipynb.
/// </remarks>
public interface IAttention<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Dq: features of a query.</summary>
    int QuerySize { get; }

    /// <summary>Dk: features of a memory position (and of the context).</summary>
    int MemorySize { get; }

    /// <summary>α of the last Forward [batch, queries, keys]; each row sums to 1, masked entries are exactly 0.</summary>
    ReadOnlySpan<T> Weights { get; }

    /// <summary>Computes the context vectors and keeps what Backward needs (inputs are copied).</summary>
    /// <param name="queries">Q [batch, queries, Dq].</param>
    /// <param name="memory">M [batch, keys, Dk], the keys and values.</param>
    /// <param name="mask">[batch, keys], true for a real position; empty means every position is real.</param>
    /// <param name="batch">B.</param>
    /// <param name="queryCount">Queries per batch row.</param>
    /// <param name="keyCount">Memory positions per batch row.</param>
    /// <param name="context">C [batch, queries, Dk], overwritten.</param>
    /// <exception cref="ArgumentException">A length does not match the sizes, or a mask row hides every position.</exception>
    void Forward(ReadOnlySpan<T> queries, ReadOnlySpan<T> memory, ReadOnlySpan<bool> mask, int batch, int queryCount, int keyCount, Span<T> context);

    /// <summary>Backpropagates ∂L/∂C of the last Forward; accumulates parameter gradients.</summary>
    /// <param name="dContext">∂L/∂C [batch, queries, Dk].</param>
    /// <param name="dQueries">∂L/∂Q [batch, queries, Dq], overwritten.</param>
    /// <param name="dMemory">∂L/∂M [batch, keys, Dk], overwritten (both its roles, key and value, summed).</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    /// <exception cref="ArgumentException">A length does not match the last Forward.</exception>
    void Backward(ReadOnlySpan<T> dContext, Span<T> dQueries, Span<T> dMemory);
}
