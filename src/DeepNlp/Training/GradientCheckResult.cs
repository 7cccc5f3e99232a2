namespace DeepNlp.Training;
/// <summary>The outcome of <see cref="GradientCheck.Run"/>: one row per parameter.</summary>
/// <param name="Parameters">Per-parameter errors.</param>
public sealed record GradientCheckResult(IReadOnlyList<ParameterGradientError> Parameters)
{
    /// <summary>The largest relative error over all parameters.</summary>
    public double MaxRelativeError => Parameters.Count == 0 ? 0 : Parameters.Max(p => p.RelativeError);

    /// <summary>The parameter with the largest error.</summary>
    public ParameterGradientError Worst => Parameters.MaxBy(p => p.RelativeError)!;

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("\n", Parameters.Select(p => $"{p.Name,-24} rel.err {p.RelativeError:E2}  |grad| {p.AnalyticNorm:G4}"));
}
