namespace DeepNlp.Data;

/// <summary>A download failed: HTTP error, broken connection, wrong size or wrong checksum. The message says what to do next.</summary>
public sealed class DownloadException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message naming the entry, the URL and what happened.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DownloadException(string message, Exception? inner = null) : base(message, inner) { }
}
