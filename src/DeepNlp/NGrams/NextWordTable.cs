using System.Globalization;
using System.Net;
using System.Text;

namespace DeepNlp.NGrams;

/// <summary>The most likely next words after a context ("today the ___" → company 0.153, bank 0.153, …).</summary>
/// <param name="Context">The context as text.</param>
/// <param name="Model">Name and order of the model.</param>
/// <param name="Words">Candidates, most likely first.</param>
public sealed record NextWordTable(string Context, string Model, IReadOnlyList<NextWord> Words)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder($"{Model}: \"{Context} ___\"\n");
        foreach (var w in Words) sb.Append(CultureInfo.InvariantCulture, $"  {w.Word,-15} {w.Probability:F4}\n");
        return sb.ToString();
    }

    /// <summary>An HTML table, for notebooks.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder($"<table><caption>{WebUtility.HtmlEncode(Model)}: “{WebUtility.HtmlEncode(Context)} ___”</caption><tr><th>next word</th><th>P</th></tr>");
        foreach (var w in Words) sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(w.Word)}</td><td>{w.Probability:F4}</td></tr>");
        return sb.Append("</table>").ToString();
    }
}
