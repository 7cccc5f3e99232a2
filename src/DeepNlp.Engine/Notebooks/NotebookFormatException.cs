namespace DeepNlp.Engine.Notebooks;

/// <summary>Thrown when a file is not a valid nbformat 4 notebook; the message names the file and, where known, the line.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The notebook's path or display name.</param>
    /// <param name="line">1-based line in the JSON text, or null when unknown.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public NotebookFormatException(string file, long? line, string message, Exception? inner = null)
        : base(line is null ? $"{file}: {message}" : $"{file}({line}): {message}", inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>The notebook's path or display name.</summary>
    public string File { get; }

    /// <summary>1-based line in the JSON text where the problem was found, or null when unknown.</summary>
    public long? Line { get; }
}
