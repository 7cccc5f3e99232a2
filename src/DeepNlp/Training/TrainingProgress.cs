namespace DeepNlp.Training;

/// <summary>One progress report of a training run.</summary>
/// <param name="Step">Completed updates.</param>
/// <param name="TotalSteps">Planned updates.</param>
/// <param name="Loss">Mean training loss (nats/token) over the steps since the last report.</param>
/// <param name="TokensPerSecond">Training throughput since the last report.</param>
/// <param name="ValidationLoss">Validation loss if evaluated at this step, else null.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="GradientNorm">Global gradient norm before clipping, at this step.</param>
/// <param name="Elapsed">Wall-clock time since the run (or resume) started.</param>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, double TokensPerSecond, double? ValidationLoss,
    double LearningRate, double GradientNorm, TimeSpan Elapsed)
{
    /// <summary>Training perplexity e^Loss.</summary>
    public double Perplexity => Math.Exp(Loss);

    /// <summary>Validation perplexity, if evaluated.</summary>
    public double? ValidationPerplexity => ValidationLoss is double v ? Math.Exp(v) : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"step {Step}/{TotalSteps}  loss {Loss:F4} (ppl {Perplexity:F2})" +
        (ValidationLoss is double v ? $"  valid {v:F4} (ppl {Math.Exp(v):F2})" : "") +
        $"  {TokensPerSecond:F0} tok/s  lr {LearningRate:G3}  |g| {GradientNorm:F2}";
}
