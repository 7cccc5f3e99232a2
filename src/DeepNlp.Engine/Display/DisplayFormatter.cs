using System.Collections;
using System.Reflection;

namespace DeepNlp.Engine.Display;

/// <summary>Turns values into <see cref="MimeBundle"/>s: text/plain always, text/html and Plotly JSON where the value has them.</summary>
/// <remarks>
/// Rules, first match wins: null shows as <c>&lt;null&gt;</c>; a <see cref="MimeBundle"/> as itself; a string as text;
/// a Plotly.NET chart as <c>application/vnd.plotly.v1+json</c> plus offline HTML (plotly.js inlined in the first chart of
/// the session only); a type with a public instance <c>string ToHtml()</c> adds that as text/html (the kit's result
/// records); other sequences get an HTML table of their first <see cref="MaxRows"/> items; objects that keep object's
/// ToString() get a property table (and "Type { A = 1 }" as text); everything else shows its ToString(). One formatter per session, because "plotly.js already sent" is per notebook.
/// </remarks>
public sealed class DisplayFormatter
{
    private bool _plotlyJsSent;

    /// <summary>Most items a sequence shows (text and HTML).</summary>
    public int MaxRows { get; init; } = 20;

    /// <summary>True once a chart with plotly.js inlined has been formatted; later charts rely on it.</summary>
    public bool PlotlyJsSent => _plotlyJsSent;

    /// <summary>Formats <paramref name="value"/>.</summary>
    /// <param name="value">Any value.</param>
    /// <returns>A bundle with text/plain and any richer forms.</returns>
    public MimeBundle Format(object? value)
    {
        switch (value)
        {
            case null:
                return MimeBundle.Plain("<null>");
            case MimeBundle bundle:
                return bundle;
            case string s:
                return MimeBundle.Plain(s);
            case HtmlString h:
                return MimeBundle.Html(h.Html, h.Html);
            // Numbers, booleans, characters and enums: what the rules below give them (no ToHtml, not sequences, their own
            // ToString), without the reflection the rules need; that reflection is a visible share of a trivial cell on
            // the browser's interpreter.
            case Enum or decimal:
            case var _ when value.GetType().IsPrimitive:
                return MimeBundle.Plain(SafeToString(value));
        }
        if (PlotlyChart.IsChart(value)) return FormatChart(value);
        var text = SafeToString(value);
        if (FindToHtml(value.GetType()) is { } toHtml)
            return MimeBundle.Html((string?)toHtml.Invoke(value, null) ?? "", text);
        if (value is IEnumerable sequence && IsDefaultToString(value.GetType()))
            return HtmlTable.Format(sequence, MaxRows);
        if (IsDefaultToString(value.GetType()) && HtmlTable.FormatObject(value) is { } properties)
            return properties;
        return MimeBundle.Plain(text);
    }

    private MimeBundle FormatChart(object chart)
    {
        var figure = PlotlyChart.ToFigureJson(chart);
        string? script = null;
        if (!_plotlyJsSent)
        {
            script = PlotlyChart.LoadPlotlyJs(PlotlyChart.ChartBaseType(chart.GetType()).Assembly).Script;
            _plotlyJsSent = true;
        }
        return new MimeBundle("Plotly chart", [
            new(MimeBundle.PlotlyJson, figure),
            new(MimeBundle.TextHtml, PlotlyChart.ToHtml(figure, script)),
        ]);
    }

    private static MethodInfo? FindToHtml(Type type)
    {
        var method = type.GetMethod("ToHtml", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method is not null && method.ReturnType == typeof(string) ? method : null;
    }

    internal static bool IsDefaultToString(Type type)
    {
        var method = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method is null || method.DeclaringType == typeof(object);
    }

    internal static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? "";
        }
        catch (Exception e)
        {
            return $"<{value.GetType().Name}.ToString() threw {e.GetType().Name}: {e.Message}>";
        }
    }
}
