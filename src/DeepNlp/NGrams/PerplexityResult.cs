using System.Globalization;
using System.Net;

namespace DeepNlp.NGrams;

/// <summary>Log-probability and perplexity of held-out text under an n-gram model.</summary>
/// <remarks>
/// Every sentence contributes its words plus one &lt;/s&gt; (&lt;s&gt; is given, not predicted), as KenLM's
/// <c>query</c> and SRILM's <c>ngram -ppl</c> count. Out-of-vocabulary words are scored as &lt;unk&gt;.
/// <see cref="Perplexity"/> counts them (KenLM's "Perplexity including OOVs", the default here);
/// <see cref="PerplexityExcludingOov"/> drops them from both the log-probability and the token count, as SRILM does.
/// perplexity = 10^(−log10 P / tokens) = 2^H, with H the per-token cross-entropy in bits.
/// </remarks>
/// <param name="Model">Name and order of the model.</param>
/// <param name="Sentences">Sentences scored.</param>
/// <param name="Tokens">Predicted tokens: words plus one &lt;/s&gt; per sentence.</param>
/// <param name="Oovs">Tokens that were &lt;unk&gt;.</param>
/// <param name="Log10Probability">Σ log10 P over all tokens, OOVs included.</param>
/// <param name="OovLog10Probability">Σ log10 P over the OOV tokens alone.</param>
/// <param name="ZeroProbabilityTokens">Tokens the model gave probability 0 (these make the perplexity infinite).</param>
/// <param name="Seconds">Wall time of the evaluation.</param>
public sealed record PerplexityResult(string Model, int Sentences, long Tokens, long Oovs, double Log10Probability,
    double OovLog10Probability, long ZeroProbabilityTokens, double Seconds)
{
    /// <summary>Per-token cross-entropy in bits, OOVs included: −log2 P / tokens.</summary>
    public double CrossEntropyBits => -Log10Probability / Tokens * Math.Log2(10);

    /// <summary>Perplexity with OOVs counted (KenLM's convention): 10^(−log10 P / tokens).</summary>
    public double Perplexity => Math.Pow(10, -Log10Probability / Tokens);

    /// <summary>Perplexity without OOVs (SRILM's convention): 10^(−(log10 P − log10 P_oov) / (tokens − OOVs)).</summary>
    public double PerplexityExcludingOov => Math.Pow(10, -(Log10Probability - OovLog10Probability) / (Tokens - Oovs));

    /// <summary>Tokens scored per second.</summary>
    public double TokensPerSecond => Seconds > 0 ? Tokens / Seconds : double.PositiveInfinity;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model}: perplexity {Perplexity:F2} (excluding OOVs {PerplexityExcludingOov:F2}), {Tokens:N0} tokens, {Oovs:N0} OOVs, log10 P = {Log10Probability:F1}, cross-entropy {CrossEntropyBits:F3} bits/token");

    /// <summary>An HTML table of the figures, for notebooks.</summary>
    public string ToHtml() => string.Create(CultureInfo.InvariantCulture,
        $"<table><tr><th>model</th><th>perplexity</th><th>excl. OOV</th><th>tokens</th><th>OOVs</th><th>log10 P</th><th>bits/token</th><th>zero-prob</th></tr>" +
        $"<tr><td>{WebUtility.HtmlEncode(Model)}</td><td>{Perplexity:F2}</td><td>{PerplexityExcludingOov:F2}</td><td>{Tokens:N0}</td><td>{Oovs:N0}</td><td>{Log10Probability:F1}</td><td>{CrossEntropyBits:F3}</td><td>{ZeroProbabilityTokens:N0}</td></tr></table>");
}
