using DeepNlp.NGrams;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace DeepNlp.Charts;

/// <summary>Charts of the n-gram lecture (<c>notebooks/03_ngram_language_models.ipynb</c>).</summary>
public static partial class Charts
{
    /// <summary>Share of held-out n-grams never seen in training, against n: the sparsity problem.</summary>
    public static GenericChart NGramSparsity(IEnumerable<SparsityPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var p = points.OrderBy(x => x.Order).ToList();
        var chart = Chart.Column<double, int, string>(
            values: p.Select(x => 100 * x.UnseenShare).ToArray(), Keys: p.Select(x => x.Order).ToArray(), Name: "unseen in training",
            MultiText: p.Select(x => $"{100 * x.UnseenShare:F1}%").ToArray());
        return Titled(chart, "n (order)", "held-out n-grams never seen in training (%)");
    }

    /// <summary>Held-out perplexity against n, one line per estimator (log scale: add-one and MLE explode).</summary>
    public static GenericChart PerplexityByOrder(IEnumerable<OrderPerplexity> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var lines = points.Where(x => double.IsFinite(x.Perplexity)).GroupBy(x => x.Method).Select(g =>
        {
            var s = g.OrderBy(x => x.Order).ToList();
            return Chart.Line<int, double, string>(x: s.Select(x => x.Order), y: s.Select(x => x.Perplexity), ShowMarkers: true, Name: g.Key);
        });
        return Chart.Combine(lines)
            .WithYAxisStyle<double, double, string>(TitleText: "test perplexity (log scale)", AxisType: StyleParam.AxisType.Log)
            .WithXAxisStyle<double, double, string>(TitleText: "n (order)");
    }

    /// <summary>Model size against an x value (order or corpus fraction), one line per series.</summary>
    /// <param name="points">The measured sizes.</param>
    /// <param name="xTitle">Title of the x axis.</param>
    /// <param name="megabytes">Plot megabytes (true) or stored n-grams (false).</param>
    public static GenericChart NGramStorage(IEnumerable<SizePoint> points, string xTitle = "n (order)", bool megabytes = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        var lines = points.GroupBy(x => x.Series).Select(g =>
        {
            var s = g.OrderBy(x => x.X).ToList();
            return Chart.Line<double, double, string>(x: s.Select(x => x.X), y: s.Select(x => megabytes ? x.Megabytes : x.Count), ShowMarkers: true, Name: g.Key);
        });
        return Titled(Chart.Combine(lines), xTitle, megabytes ? "memory (MB)" : "stored n-grams");
    }

    /// <summary>Bar chart of a "most likely next words" table.</summary>
    public static GenericChart NextWords(NextWordTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var chart = Chart.Bar<double, string, string>(values: table.Words.Select(w => w.Probability).Reverse(), Keys: table.Words.Select(w => w.Word).Reverse().ToArray(), Name: $"{table.Model}: “{table.Context} ___”");
        return Titled(chart, "P(word | context)", "");
    }

    private static GenericChart Titled(GenericChart chart, string x, string y) =>
        chart.WithXAxisStyle<double, double, string>(TitleText: x).WithYAxisStyle<double, double, string>(TitleText: y);
}
