using System.Text;

namespace DeepNlp.WordVectors;

/// <summary>Words placed in the plane by PCA or t-SNE, ready for <c>Charts.WordScatter</c>.</summary>
/// <param name="Method">"PCA" or "t-SNE".</param>
/// <param name="Words">Point labels.</param>
/// <param name="X">First coordinate of each word.</param>
/// <param name="Y">Second coordinate of each word.</param>
public sealed record Projection2D(string Method, IReadOnlyList<string> Words, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method} projection of {Words.Count} words";

    /// <summary>An HTML table of the coordinates (first 50 rows).</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder($"<table><caption>{Method}</caption><tr><th>word</th><th>x</th><th>y</th></tr>");
        for (int i = 0; i < Math.Min(50, Words.Count); i++)
            sb.Append($"<tr><td>{System.Net.WebUtility.HtmlEncode(Words[i])}</td><td>{X[i]:F3}</td><td>{Y[i]:F3}</td></tr>");
        return sb.Append("</table>").ToString();
    }
}
