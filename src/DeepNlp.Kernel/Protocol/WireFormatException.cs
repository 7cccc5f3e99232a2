namespace DeepNlp.Kernel.Protocol;

/// <summary>A multipart ZeroMQ message could not be turned into a <see cref="KernelMessage"/>.</summary>
/// <param name="message">What was wrong, for the kernel's log.</param>
/// <param name="badSignature">True when the frames were well formed but the HMAC signature did not match.</param>
public sealed class WireFormatException(string message, bool badSignature = false) : Exception(message)
{
    /// <summary>True when the signature did not match the connection key (the message is rejected unread).</summary>
    public bool BadSignature { get; } = badSignature;
}
