namespace DeepNlp.Kernel.Protocol;

/// <summary>The kernel states published in <c>status</c> messages on IOPub.</summary>
public enum ExecutionState
{
    /// <summary>Published once, when the kernel has bound its sockets.</summary>
    Starting,
    /// <summary>The kernel is handling a request; every request is bracketed by busy ... idle.</summary>
    Busy,
    /// <summary>The kernel finished the request named in the parent header.</summary>
    Idle,
}
