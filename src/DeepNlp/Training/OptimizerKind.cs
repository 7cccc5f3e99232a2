namespace DeepNlp.Training;

/// <summary>Which optimizer a training run uses.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with <see cref="TrainingOptions.Momentum"/>.</summary>
    Sgd,

    /// <summary>Adagrad.</summary>
    Adagrad,

    /// <summary>Adam.</summary>
    Adam,
}
