using System.Reflection;
using System.Text.RegularExpressions;

namespace DeepNlp.Engine.Display;

/// <summary>plotly.js as shipped inside a Plotly.NET assembly, for pages that must render charts offline.</summary>
public static class PlotlyScript
{
    /// <summary>Reads the embedded <c>plotly-VERSION.min.js</c> of <paramref name="plotlyNetAssembly"/>.</summary>
    /// <param name="plotlyNetAssembly">A loaded Plotly.NET assembly (e.g. <c>typeof(Plotly.NET.GenericChart).Assembly</c>).</param>
    /// <returns>The minified script and its version (e.g. "2.28.0").</returns>
    /// <exception cref="InvalidOperationException">The assembly carries no plotly.js resource.</exception>
    public static (string Script, string Version) Load(Assembly plotlyNetAssembly) => PlotlyChart.LoadPlotlyJs(plotlyNetAssembly);

    /// <summary>A <c>&lt;script&gt;</c> element that runs <paramref name="plotlyJs"/> inline and leaves it in <c>window.Plotly</c>,
    /// whether or not an AMD loader (require.js) is on the page.</summary>
    /// <param name="plotlyJs">plotly.js source, e.g. from <see cref="Load"/>.</param>
    /// <returns>The element, ending in a newline.</returns>
    /// <remarks>
    /// plotly.js is a UMD bundle: where <c>define.amd</c> exists it calls <c>define([], factory)</c> instead of setting
    /// <c>window.Plotly</c>, and an anonymous define outside require.js's own loading is never resolved. The classic Jupyter
    /// Notebook and nbconvert's classic and lab pages carry require.js, so there the charts stayed blank. The script runs
    /// inside a function whose parameters <c>define</c>, <c>exports</c> and <c>module</c> are undefined, so the bundle
    /// takes its global branch everywhere, and the page's own <c>define</c> is never touched.
    /// </remarks>
    public static string Inline(string plotlyJs) =>
        "<script type=\"text/javascript\">(function(define,exports,module){"
        + ScriptEnd.Replace(plotlyJs, "<\\/")
        // The newline ends a trailing line comment (a source-map URL) before the wrapper closes.
        + "\n}).call(window);</script>\n";

    // "</script" in any case would end the element early; "<\/" means the same inside JavaScript strings and regexes.
    private static readonly Regex ScriptEnd = new("</(?=script)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
