namespace DeepNlp.Training;

/// <summary>Thrown when a loss or gradient becomes NaN or infinite; says at which step, in which layer and parameter.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">The update (0-based) at which it happened.</param>
    /// <param name="parameter">The parameter whose gradient was not finite, or null when the loss itself was.</param>
    /// <param name="message">Full message.</param>
    public TrainingDivergedException(int step, string? parameter, string message) : base(message)
    {
        Step = step;
        Parameter = parameter;
        Layer = parameter is null ? null : parameter.Split('.')[0];
    }

    /// <summary>The update (0-based) at which training diverged.</summary>
    public int Step { get; }

    /// <summary>The first parameter with a non-finite gradient, or null when the loss diverged first.</summary>
    public string? Parameter { get; }

    /// <summary>The layer owning <see cref="Parameter"/> (its name prefix).</summary>
    public string? Layer { get; }
}
