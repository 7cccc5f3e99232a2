namespace DeepNlp.Kernel.Execution;

/// <summary>The two text streams a cell can write to.</summary>
public enum OutputStream
{
    /// <summary>Console.Out.</summary>
    Stdout,
    /// <summary>Console.Error.</summary>
    Stderr,
}
