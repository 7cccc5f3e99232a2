namespace DeepNlp.Layers;

/// <summary>Which score an encoder–decoder's attention uses.</summary>
public enum AttentionKind
{
    /// <summary>Bahdanau: vᵀ tanh(W_q q + W_k k) (<see cref="AdditiveAttention{T}"/>).</summary>
    Additive,

    /// <summary>Luong "general": qᵀ W k (<see cref="MultiplicativeAttention{T}"/>).</summary>
    General,

    /// <summary>Luong "dot": qᵀ k, no parameters (<see cref="MultiplicativeAttention{T}"/> with general = false).</summary>
    Dot,
}
