namespace DeepNlp.Kernel.Client;

/// <summary>The request channels a client sends on.</summary>
public enum KernelChannel
{
    /// <summary>Requests served in order: execute, complete, inspect, ...</summary>
    Shell,
    /// <summary>Requests served even while a cell runs: interrupt, shutdown.</summary>
    Control,
}
