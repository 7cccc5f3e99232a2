using DeepNlp.WordVectors;
using Plotly.NET;

namespace DeepNlp.Charts;

/// <summary>Plotly charts for the course: one file per topic (this part: word vectors).</summary>
public static partial class Charts
{
    /// <summary>A labelled scatter plot of words in the plane (a PCA or t-SNE projection).</summary>
    /// <param name="projection">Coordinates and labels.</param>
    /// <param name="groups">Optional group name per word (e.g. "country", "capital"); each group gets its own colour and legend entry.</param>
    /// <param name="title">Chart title; defaults to the projection method.</param>
    /// <remarks>Used in <c>notebooks/01_word_vectors.ipynb</c>.</remarks>
    public static GenericChart WordScatter(Projection2D projection, Func<string, string>? groups = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var idx = Enumerable.Range(0, projection.Words.Count).ToArray();
        var byGroup = idx.GroupBy(i => groups?.Invoke(projection.Words[i]) ?? "words").ToList();
        var traces = byGroup.Select(g => Plotly.NET.CSharp.Chart.Point<double, double, string>(
            x: g.Select(i => projection.X[i]).ToArray(),
            y: g.Select(i => projection.Y[i]).ToArray(),
            Name: g.Key,
            ShowLegend: byGroup.Count > 1,
            MultiText: g.Select(i => projection.Words[i]).ToArray(),
            TextPosition: StyleParam.TextPosition.TopCenter)).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Combine(traces);
        return Plotly.NET.Chart.withTitle(title ?? $"{projection.Method} of {projection.Words.Count} words", null).Invoke(chart);
    }
}
