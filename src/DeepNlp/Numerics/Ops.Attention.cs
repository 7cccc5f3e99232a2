using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>Masked softmax of every row of a square score matrix, in place: row i keeps the keys j allowed by the masks,
    /// subtracts their maximum, exponentiates and normalises; masked weights are set to exactly 0.</summary>
    /// <param name="scores">Scores [time, time] on entry (row = query, column = key), attention weights on return.</param>
    /// <param name="time">Rows and columns.</param>
    /// <param name="causal">Mask keys after the query (j &gt; i).</param>
    /// <param name="keyPadding">Per key [time], true where the key is padding and must get no weight (PyTorch's
    /// <c>key_padding_mask</c>), or empty for none.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    /// <remarks>A row with no allowed key gets all-zero weights (PyTorch returns NaN there). Taught with attention in
    /// notebooks/10_attention_and_transformers.ipynb.</remarks>
    public static void MaskedSoftmaxRows<T>(Span<T> scores, int time, bool causal, ReadOnlySpan<bool> keyPadding)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(time * time, scores.Length, nameof(scores));
        if (!keyPadding.IsEmpty) CheckSame(time, keyPadding.Length, nameof(keyPadding));
        for (int i = 0; i < time; i++)
        {
            var row = scores.Slice(i * time, time);
            int last = causal ? i + 1 : time;                 // keys [0, last) may be attended
            row[last..].Clear();
            var live = row[..last];
            if (keyPadding.IsEmpty)
            {
                T max = TensorPrimitives.Max<T>(live);
                TensorPrimitives.Subtract(live, max, live);
                TensorPrimitives.Exp<T>(live, live);
                TensorPrimitives.Multiply(live, T.One / TensorPrimitives.Sum<T>(live), live);
                continue;
            }
            T m = T.NegativeInfinity;
            for (int j = 0; j < last; j++) if (!keyPadding[j] && live[j] > m) m = live[j];
            if (T.IsNegativeInfinity(m)) { live.Clear(); continue; }
            T sum = T.Zero;
            for (int j = 0; j < last; j++)
            {
                live[j] = keyPadding[j] ? T.Zero : T.Exp(live[j] - m);   // e^{s - max}; masked weights exactly 0
                sum += live[j];
            }
            TensorPrimitives.Multiply(live, T.One / sum, live);
        }
    }

    /// <summary>The backward pass of a row softmax, in place: ∂s = p ⊙ (∂p - Σ_j p_j ∂p_j) for every row.</summary>
    /// <param name="p">The weights of the forward pass [rows, cols].</param>
    /// <param name="dp">∂L/∂p on entry, ∂L/∂s on return [rows, cols].</param>
    /// <param name="cols">Row length.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    /// <remarks>Masked weights are 0, so their scores get 0 gradient without a mask.</remarks>
    public static void SoftmaxBackwardRows<T>(ReadOnlySpan<T> p, Span<T> dp, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(p.Length, dp.Length, nameof(dp));
        RowsOf(p.Length, cols, nameof(p));
        for (int r = 0; r < p.Length; r += cols)
        {
            var pr = p.Slice(r, cols);
            var dr = dp.Slice(r, cols);
            T dot = TensorPrimitives.Dot(pr, dr);                                  // Σ_j p_j ∂p_j
            TensorPrimitives.Subtract(dr, dot, dr);
            TensorPrimitives.Multiply(dr, pr, dr);                                 // ∂s = p ⊙ (∂p - dot)
        }
    }
}
