namespace DeepNlp.Models;

/// <summary>How a sequence classifier turns per-step states into one vector.</summary>
public enum Pooling
{
    /// <summary>The state after the last real token.</summary>
    Last,

    /// <summary>The mean of the states over the real tokens.</summary>
    Mean,

    /// <summary>The elementwise maximum over the real tokens.</summary>
    Max,

    /// <summary>Attention-weighted mean with a learned query (<see cref="Layers.AttentionPooling{T}"/>).</summary>
    Attention,
}
