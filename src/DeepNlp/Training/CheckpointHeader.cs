namespace DeepNlp.Training;

/// <summary>The JSON header of a checkpoint.</summary>
public sealed record CheckpointHeader
{
    /// <summary>Format version.</summary>
    public int FormatVersion { get; init; } = Checkpoint.FormatVersion;

    /// <summary>"float32" or "float64".</summary>
    public string DType { get; init; } = "float32";

    /// <summary>What model the tensors belong to (e.g. "RecurrentLanguageModel").</summary>
    public string ModelKind { get; init; } = "";

    /// <summary>The model configuration as JSON.</summary>
    public string ConfigJson { get; init; } = "{}";

    /// <summary>The training options as JSON (informational).</summary>
    public string OptionsJson { get; init; } = "{}";

    /// <summary>Tokens by id, or empty.</summary>
    public string[] Vocabulary { get; init; } = [];

    /// <summary>Completed training steps.</summary>
    public int Step { get; init; }

    /// <summary>Optimizer kind, or empty.</summary>
    public string OptimizerKind { get; init; } = "";

    /// <summary>Optimizer step count (Adam's t).</summary>
    public long OptimizerSteps { get; init; }

    /// <summary>Best validation loss so far (for early stopping after a resume).</summary>
    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    /// <summary>Tensors in file order.</summary>
    public TensorEntry[] Tensors { get; init; } = [];
}
