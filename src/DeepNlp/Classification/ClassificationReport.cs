using System.Net;
using System.Text;

namespace DeepNlp.Classification;

/// <summary>Accuracy and confusion matrix of a classifier on a labelled set.</summary>
/// <param name="Model">Which model was evaluated.</param>
/// <param name="Labels">Class names, by id.</param>
/// <param name="Confusion">Counts <c>Confusion[true][predicted]</c>.</param>
public sealed record ClassificationReport(string Model, IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Confusion)
{
    /// <summary>Documents evaluated.</summary>
    public int Total => Confusion.Sum(r => r.Sum());

    /// <summary>Documents whose predicted class is the true class.</summary>
    public int Correct => Enumerable.Range(0, Labels.Count).Sum(i => Confusion[i][i]);

    /// <summary>Correct / total.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Builds a report from true and predicted classes.</summary>
    public static ClassificationReport From(string model, IReadOnlyList<string> labels, IEnumerable<(int Truth, int Predicted)> pairs)
    {
        var m = new int[labels.Count][];
        for (int i = 0; i < m.Length; i++) m[i] = new int[labels.Count];
        foreach (var (t, p) in pairs) m[t][p]++;
        return new ClassificationReport(model, labels, m);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder($"{Model}: accuracy {Accuracy:P2} ({Correct}/{Total})\n  confusion (rows = true, columns = predicted):\n");
        sb.Append("  ").Append(string.Concat(Labels.Select(l => $"{l,10}"))).AppendLine();
        for (int i = 0; i < Labels.Count; i++)
            sb.Append($"{Labels[i],-10}").AppendLine(string.Concat(Confusion[i].Select(c => $"{c,10}")));
        return sb.ToString().TrimEnd();
    }

    /// <summary>An HTML table: accuracy and the confusion matrix.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder($"<table><caption>{WebUtility.HtmlEncode(Model)}: accuracy {Accuracy:P2} ({Correct}/{Total})</caption><tr><th>true \\ predicted</th>");
        foreach (var l in Labels) sb.Append($"<th>{WebUtility.HtmlEncode(l)}</th>");
        sb.Append("</tr>");
        for (int i = 0; i < Labels.Count; i++)
        {
            sb.Append($"<tr><th>{WebUtility.HtmlEncode(Labels[i])}</th>");
            foreach (var c in Confusion[i]) sb.Append($"<td>{c}</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</table>").ToString();
    }
}
