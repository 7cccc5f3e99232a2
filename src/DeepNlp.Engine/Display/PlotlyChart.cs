using System.Reflection;
using System.Text;

namespace DeepNlp.Engine.Display;

/// <summary>Recognises Plotly.NET charts by reflection and turns them into Plotly JSON and offline HTML.</summary>
/// <remarks>
/// No compile-time reference to Plotly.NET: the engine works with whichever Plotly.NET a notebook loads (the kit ships
/// 6.0.0). A chart is any object whose type derives from <c>Plotly.NET.GenericChart</c>; its figure comes from
/// <c>GenericChart.toFigureJson</c>, and plotly.js from the <c>plotly-*.min.js</c> resource embedded in Plotly.NET
/// (the same file its <c>PlotlyJSReference.Full</c> option inlines), so nothing is fetched from a CDN.
/// </remarks>
internal static class PlotlyChart
{
    private const string GenericChartTypeName = "Plotly.NET.GenericChart";

    public static bool IsChart(object value)
    {
        for (var t = value.GetType(); t is not null; t = t.BaseType)
            if (t.FullName == GenericChartTypeName) return true;
        return false;
    }

    /// <summary>The chart's figure as JSON ({"data": [...], "layout": {...}}).</summary>
    public static string ToFigureJson(object chart)
    {
        var chartType = ChartBaseType(chart.GetType());
        var method = FindStatic(chartType.Assembly, "toFigureJson", chartType)
            ?? throw new InvalidOperationException($"{chartType.Assembly.GetName()} has no GenericChart.toFigureJson; the engine supports Plotly.NET 4 to 6.");
        return (string)method.Invoke(null, [chart])!;
    }

    /// <summary>plotly.js from the chart's Plotly.NET assembly, with its version (e.g. "2.28.0").</summary>
    public static (string Script, string Version) LoadPlotlyJs(Assembly plotlyAssembly)
    {
        var name = plotlyAssembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Contains("plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{plotlyAssembly.GetName().Name} carries no embedded plotly.js");
        using var stream = plotlyAssembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var start = name.IndexOf("plotly-", StringComparison.Ordinal) + "plotly-".Length;
        return (reader.ReadToEnd(), name[start..^".min.js".Length]);
    }

    /// <summary>HTML that draws the figure; includes plotly.js inline when <paramref name="plotlyJs"/> is given,
    /// otherwise waits for an earlier output of the same page to have loaded it.</summary>
    /// <remarks>
    /// Works with and without require.js on the page (classic Notebook, nbconvert, JupyterLab, VS Code): the inlined
    /// plotly.js always sets <c>window.Plotly</c> (<see cref="PlotlyScript.Inline"/>), and the drawing script waits for
    /// it and for its div, because a front end may run an output's scripts before the output is in the document.
    /// </remarks>
    public static string ToHtml(string figureJson, string? plotlyJs)
    {
        var id = "plotly-" + Guid.NewGuid().ToString("N")[..12];
        var html = new StringBuilder();
        if (plotlyJs is not null) html.Append(PlotlyScript.Inline(plotlyJs));
        html.Append("<div id=\"").Append(id).Append("\"></div>\n");
        html.Append("<script type=\"text/javascript\">(function(){var fig=").Append(figureJson.Replace("</", "<\\/", StringComparison.Ordinal))
            .Append(";function draw(){var el=document.getElementById('").Append(id)
            .Append("');if(window.Plotly&&el){Plotly.newPlot(el,fig.data,fig.layout||{},{responsive:true});}else{setTimeout(draw,50);}}draw();})();</script>");
        return html.ToString();
    }

    public static Type ChartBaseType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.FullName == GenericChartTypeName) return t;
        throw new ArgumentException($"{type} is not a Plotly.NET GenericChart", nameof(type));
    }

    private static MethodInfo? FindStatic(Assembly assembly, string name, Type parameter)
    {
        foreach (var typeName in new[] { "Plotly.NET.GenericChart", "Plotly.NET.GenericChartModule" })
        {
            var method = assembly.GetType(typeName)?.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [parameter]);
            if (method is not null) return method;
        }
        return null;
    }
}
