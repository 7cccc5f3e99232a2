using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNlp.Classification;

/// <summary>Softmax cross-entropy for the two classifiers, with gradients, written once for float (training) and double (gradient checks).</summary>
/// <remarks>Taught in <c>notebooks/02_text_classification.ipynb</c>. The softmax subtracts the maximum logit first.</remarks>
public static class ClassifierGradients
{
    /// <summary>Cross-entropy of softmax(<paramref name="logits"/>) against <paramref name="label"/>.</summary>
    /// <param name="logits">Scores z, <c>[C]</c>.</param>
    /// <param name="label">True class y.</param>
    /// <param name="probs">Receives p = softmax(z), <c>[C]</c>.</param>
    /// <param name="dLogits">Receives ∂J/∂z = p - onehot(y), <c>[C]</c>.</param>
    /// <returns>J = -log p_y.</returns>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, int label, Span<T> probs, Span<T> dLogits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = logits.Length;
        if (probs.Length != C || dLogits.Length != C) throw new ArgumentException("probs and dLogits need the logits' length.", nameof(probs));
        if ((uint)label >= (uint)C) throw new ArgumentOutOfRangeException(nameof(label));
        T max = TensorPrimitives.Max(logits);
        T sum = T.Zero;
        for (int c = 0; c < C; c++) { probs[c] = T.Exp(logits[c] - max); sum += probs[c]; }
        T loss = T.Log(sum) - (logits[label] - max);                       // J = log Σ e^{z_c} - z_y
        for (int c = 0; c < C; c++)
        {
            probs[c] /= sum;
            dLogits[c] = probs[c] - (c == label ? T.One : T.Zero);          // ∂J/∂z = p - y
        }
        return loss;
    }

    /// <summary>The fastText classifier on one document: h = mean of the input rows, z = W h + b, J = CE(softmax z, y).</summary>
    /// <param name="E">Input embeddings <c>[rows, d]</c> (words, then hashed bigram buckets).</param>
    /// <param name="rows">Row ids of the document's words and bigrams (repeats allowed); must not be empty.</param>
    /// <param name="W">Output weights <c>[C, d]</c>.</param>
    /// <param name="b">Output bias <c>[C]</c>.</param>
    /// <param name="label">True class.</param>
    /// <param name="h">Receives the hidden vector h, <c>[d]</c>.</param>
    /// <param name="probs">Receives p, <c>[C]</c>.</param>
    /// <param name="dH">Receives ∂J/∂h = Wᵀ(p - y), <c>[d]</c>; each listed row r gets ∂J/∂E_r = ∂J/∂h / n per occurrence.</param>
    /// <param name="dW">Receives ∂J/∂W = (p - y) hᵀ, <c>[C, d]</c> (overwritten).</param>
    /// <param name="dB">Receives ∂J/∂b = p - y, <c>[C]</c>.</param>
    /// <returns>J = -log p_y.</returns>
    public static T FastText<T>(ReadOnlySpan<T> E, ReadOnlySpan<int> rows, ReadOnlySpan<T> W, ReadOnlySpan<T> b, int label,
        Span<T> h, Span<T> probs, Span<T> dH, Span<T> dW, Span<T> dB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = h.Length, C = b.Length;
        if (rows.Length == 0) throw new ArgumentException("A document needs at least one row.", nameof(rows));
        if (W.Length != C * d || dW.Length != C * d) throw new ArgumentException("W and dW must be [C, d].", nameof(W));
        h.Clear();
        foreach (int r in rows) TensorPrimitives.Add(h, E.Slice(r * d, d), h);
        TensorPrimitives.Divide(h, T.CreateTruncating(rows.Length), h);              // h = (1/n) Σ E_r
        Span<T> z = C <= 64 ? stackalloc T[C] : new T[C];
        for (int c = 0; c < C; c++) z[c] = TensorPrimitives.Dot(W.Slice(c * d, d), h) + b[c];   // z = W h + b
        T loss = SoftmaxCrossEntropy<T>(z, label, probs, dB);                       // dB = p - y
        dH.Clear();
        for (int c = 0; c < C; c++)
        {
            TensorPrimitives.MultiplyAdd(W.Slice(c * d, d), dB[c], dH, dH);         // ∂h = Wᵀ (p - y)
            TensorPrimitives.Multiply(h, dB[c], dW.Slice(c * d, d));                 // ∂W_c = (p_c - y_c) h
        }
        return loss;
    }

    /// <summary>Multinomial logistic regression on one sparse document: z = b + Σ_f x_f W[f, :], J = CE(softmax z, y).</summary>
    /// <param name="features">Feature ids of the document.</param>
    /// <param name="values">Feature values x_f (counts or 1).</param>
    /// <param name="W">Weights <c>[F, C]</c>, feature-major so a feature's weights are contiguous.</param>
    /// <param name="b">Bias <c>[C]</c>.</param>
    /// <param name="label">True class.</param>
    /// <param name="probs">Receives p, <c>[C]</c>.</param>
    /// <param name="dLogits">Receives ∂J/∂z = p - y = ∂J/∂b; then ∂J/∂W[f, :] = x_f (p - y) for each listed feature.</param>
    /// <returns>J = -log p_y.</returns>
    public static T LogisticRegression<T>(ReadOnlySpan<int> features, ReadOnlySpan<T> values, ReadOnlySpan<T> W, ReadOnlySpan<T> b, int label,
        Span<T> probs, Span<T> dLogits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = b.Length;
        if (features.Length != values.Length) throw new ArgumentException("One value per feature is needed.", nameof(values));
        Span<T> z = C <= 64 ? stackalloc T[C] : new T[C];
        b.CopyTo(z);
        for (int i = 0; i < features.Length; i++)
            TensorPrimitives.MultiplyAdd(W.Slice(features[i] * C, C), values[i], z, z);   // z += x_f W[f, :]
        return SoftmaxCrossEntropy<T>(z, label, probs, dLogits);
    }
}
