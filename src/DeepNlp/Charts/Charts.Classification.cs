using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace DeepNlp.Charts;

/// <summary>Charts of the text-classification lecture (<c>notebooks/02_text_classification.ipynb</c>).</summary>
public static partial class Charts
{
    /// <summary>Mean training loss after each epoch, one line per model: how fast, and how far, each model fits its
    /// training set (read it beside the development accuracy: a lower training loss is not a better model).</summary>
    /// <typeparam name="TLosses">Any sequence of numbers, e.g. the <c>List&lt;double&gt;</c> a progress callback fills.</typeparam>
    /// <param name="lossesByModel">Model name to its losses, one per epoch (what <c>BagOfWordsClassifier.Train</c> and
    /// <c>FastTextClassifier.Train</c> report through their progress callbacks), in the order to draw them.</param>
    public static GenericChart EpochLosses<TLosses>(IEnumerable<KeyValuePair<string, TLosses>> lossesByModel)
        where TLosses : IEnumerable<double>
    {
        ArgumentNullException.ThrowIfNull(lossesByModel);
        var lines = lossesByModel.Select(model =>
        {
            var losses = model.Value.ToArray();
            return Chart.Line<int, double, string>(x: Enumerable.Range(1, losses.Length), y: losses, ShowMarkers: true, Name: model.Key);
        }).ToList();
        if (lines.Count == 0) throw new ArgumentException("no model to draw", nameof(lossesByModel));
        return Titled(Chart.Combine(lines), "epoch", "mean training loss (nats per document)");
    }
}
