using System.Globalization;
using System.Text;

namespace DeepNlp.Training;

/// <summary>The record of a training run: every report, validation points, per-parameter gradient norms.</summary>
public sealed class TrainingRun
{
    /// <summary>Per-step training losses (index = step - StartStep).</summary>
    public List<double> StepLosses { get; } = [];

    /// <summary>The first step of this run (non-zero after a resume).</summary>
    public int StartStep { get; init; }

    /// <summary>Progress reports in order.</summary>
    public List<TrainingProgress> Reports { get; } = [];

    /// <summary>(step, validation loss) pairs.</summary>
    public List<(int Step, double Loss)> Validation { get; } = [];

    /// <summary>Gradient norm per parameter name at each reported step (when tracking is on).</summary>
    public Dictionary<string, List<double>> GradientNorms { get; } = new(StringComparer.Ordinal);

    /// <summary>Best validation loss seen.</summary>
    public double BestValidationLoss { get; set; } = double.PositiveInfinity;

    /// <summary>Whether early stopping or the time limit ended the run.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>Completed steps at the end.</summary>
    public int FinalStep { get; set; }

    /// <summary>Total training wall-clock time.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Tokens processed per second over the whole run.</summary>
    public double TokensPerSecond { get; set; }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"TrainingRun: steps {StartStep}..{FinalStep}, {Elapsed.TotalSeconds:F1} s, {TokensPerSecond:F0} tok/s");
        if (Validation.Count > 0) sb.Append(CultureInfo.InvariantCulture, $", best valid {BestValidationLoss:F4} nats (ppl {Math.Exp(BestValidationLoss):F2})");
        if (StoppedEarly) sb.Append(", stopped early");
        foreach (var r in Reports.Where(r => r.ValidationLoss is not null)) sb.Append('\n').Append(r);
        return sb.ToString();
    }

    /// <summary>An HTML table of the validation points, for notebooks.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table><tr><th>step</th><th>train loss</th><th>valid loss</th><th>valid ppl</th><th>tok/s</th></tr>");
        foreach (var r in Reports.Where(r => r.ValidationLoss is not null))
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{r.Step}</td><td>{r.Loss:F4}</td><td>{r.ValidationLoss:F4}</td><td>{r.ValidationPerplexity:F2}</td><td>{r.TokensPerSecond:F0}</td></tr>");
        return sb.Append("</table>").ToString();
    }
}
