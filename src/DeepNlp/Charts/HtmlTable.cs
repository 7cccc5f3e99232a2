using System.Globalization;
using System.Text;

namespace DeepNlp.Charts;

/// <summary>A plain HTML table of computed results, the one helper the lectures use to show numbers
/// (<c>HTML(HtmlTable.Of(header, rows))</c> in a notebook cell).</summary>
/// <remarks>
/// Cells are formatted with the invariant culture, so a notebook shows the same text on every machine: a
/// <see cref="double"/> or <see cref="float"/> with <c>doubleFormat</c> (G4 unless the lecture asks for another),
/// an <see cref="int"/> or <see cref="long"/> with thousands separators (N0), and anything else through ToString,
/// with &amp;, &lt;, &gt; and " escaped (other characters stay as they are) so that tokens such as <c>&lt;unk&gt;</c> show as written. Taught from notebooks/04_neural_language_models.ipynb on.
/// </remarks>
public static class HtmlTable
{
    /// <summary>Builds <c>&lt;table&gt;</c> with one header row and one row per entry of <paramref name="rows"/>.</summary>
    /// <param name="header">Column titles (HTML-encoded).</param>
    /// <param name="rows">Cell values per row; a row may be shorter or longer than the header.</param>
    /// <param name="doubleFormat">.NET format string for floating-point cells, e.g. "G4", "G6", "N2", "P1".</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException">The header or the rows are null.</exception>
    public static string Of(IEnumerable<string> header, IEnumerable<object?[]> rows, string doubleFormat = "G4")
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<table><tr>");
        foreach (var h in header) html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Cell(cell, doubleFormat)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The text of one cell, formatted and HTML-encoded as the remarks of <see cref="HtmlTable"/> describe.</summary>
    /// <param name="value">The value (null gives an empty cell).</param>
    /// <param name="doubleFormat">Format string for floating-point values.</param>
    /// <returns>The encoded cell text.</returns>
    public static string Cell(object? value, string doubleFormat = "G4") => Encode(value switch
    {
        null => "",
        double d => d.ToString(doubleFormat, CultureInfo.InvariantCulture),
        float f => f.ToString(doubleFormat, CultureInfo.InvariantCulture),
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    });

    // Only the characters that HTML gives a meaning (& < > "), so that the stored output keeps readable text such as × or ⏎.
    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
