namespace DeepNlp.NGrams;

/// <summary>The score of one predicted token during evaluation.</summary>
/// <param name="Token">The token as written in the vocabulary (&lt;unk&gt; for an out-of-vocabulary word, &lt;/s&gt; at the end).</param>
/// <param name="Log10Probability">log10 P(token | context); −∞ when the model gives it probability 0.</param>
/// <param name="IsOov">Whether the token is &lt;unk&gt; (an out-of-vocabulary word).</param>
public sealed record TokenScore(string Token, double Log10Probability, bool IsOov)
{
    /// <summary>P(token | context).</summary>
    public double Probability => Math.Pow(10, Log10Probability);

    /// <inheritdoc />
    public override string ToString() => $"{Token}\t{Log10Probability:F4}{(IsOov ? "\tOOV" : "")}";
}
