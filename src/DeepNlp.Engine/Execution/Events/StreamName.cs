namespace DeepNlp.Engine.Execution;

/// <summary>The two output streams a cell writes to through <see cref="Console"/>.</summary>
public enum StreamName
{
    /// <summary>Console.Out; Jupyter's "stdout".</summary>
    Stdout,

    /// <summary>Console.Error; Jupyter's "stderr".</summary>
    Stderr,
}
