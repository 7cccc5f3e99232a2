namespace DeepNlp.Models;

/// <summary>How the fixed-window language model combines the embeddings of its context window.</summary>
public enum WindowCombination
{
    /// <summary>[e_1; …; e_n]: order-aware, parameters grow with the window (Bengio et al. 2003).</summary>
    Concatenate,

    /// <summary>(1/n) Σ e_i: a bag of words, order lost.</summary>
    Average,

    /// <summary>A 1-D convolution over the window and max-over-time pooling.</summary>
    Convolution,
}
