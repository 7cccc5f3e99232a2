namespace DeepNlp.Training;
/// <summary>Settings of <see cref="Trainer"/>.Fit: optimizer, schedule, clipping, validation, early stopping, checkpoints; the defaults are karpathy's char-rnn.</summary>
/// <remarks>Batch, SequenceLength, BackpropLength and ValidationTokens shape the token-stream batches of a language model and are used only by the language-model overload.</remarks>
public sealed record TrainingOptions
{
    /// <summary>Parallel streams per batch.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>k1: new steps per update (the window length when k2 = k1).</summary>
    public int SequenceLength { get; init; } = 100;

    /// <summary>k2: steps backpropagated per update (≥ k1); null means k2 = k1 (disjoint windows).</summary>
    public int? BackpropLength { get; init; }

    /// <summary>Number of updates.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Base learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; }

    /// <summary>A schedule; overrides <see cref="LearningRate"/> when set.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Clip the global gradient norm to this value (null = no clipping).</summary>
    public double? ClipNorm { get; init; } = 5;

    /// <summary>Clip every gradient element to ±this value (null = no clipping).</summary>
    public double? ClipValue { get; init; }

    /// <summary>Evaluate on the validation stream every this many steps (0 = only at the end).</summary>
    public int EvaluateEvery { get; init; } = 200;

    /// <summary>Evaluate on at most this many validation tokens (0 = all).</summary>
    public int ValidationTokens { get; init; }

    /// <summary>Stop after this many evaluations without a new best validation loss (null = never stop early).</summary>
    public int? Patience { get; init; }

    /// <summary>Stop as soon as an evaluation reaches this validation loss or lower (null = never).</summary>
    public double? TargetValidationLoss { get; init; }

    /// <summary>Report progress every this many steps.</summary>
    public int ReportEvery { get; init; } = 10;

    /// <summary>Seed for dropout masks (weights are seeded by the model).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Write a checkpoint here (atomically) every <see cref="CheckpointEvery"/> steps and at the end.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Checkpoint interval in steps (0 = only at the end).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Record every parameter's gradient norm at each reported step.</summary>
    public bool TrackGradientNorms { get; init; }

    /// <summary>Stop after this much wall-clock time (null = no limit); the run is still evaluated and checkpointed.</summary>
    public TimeSpan? TimeLimit { get; init; }
}
