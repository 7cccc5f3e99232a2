using System.Reflection;

namespace DeepNlp.Engine.Display;

/// <summary>plotly.js as shipped inside a Plotly.NET assembly, for pages that must render charts offline.</summary>
public static class PlotlyScript
{
    /// <summary>Reads the embedded <c>plotly-VERSION.min.js</c> of <paramref name="plotlyNetAssembly"/>.</summary>
    /// <param name="plotlyNetAssembly">A loaded Plotly.NET assembly (e.g. <c>typeof(Plotly.NET.GenericChart).Assembly</c>).</param>
    /// <returns>The minified script and its version (e.g. "2.28.0").</returns>
    /// <exception cref="InvalidOperationException">The assembly carries no plotly.js resource.</exception>
    public static (string Script, string Version) Load(Assembly plotlyNetAssembly) => PlotlyChart.LoadPlotlyJs(plotlyNetAssembly);
}
