namespace DeepNlp.Sampling;

/// <summary>How beam search ranks hypotheses of different lengths (log-probability alone favours short ones).</summary>
public enum LengthPenalty
{
    /// <summary>Score = log p(y).</summary>
    None,

    /// <summary>Score = log p(y) / |y|^α (α = 1: mean log-probability per token).</summary>
    Average,

    /// <summary>Score = log p(y) / lp(y) with lp(y) = ((5 + |y|) / 6)^α, Wu et al. 2016 (GNMT) eq. 14, without the coverage term.</summary>
    Wu,
}
