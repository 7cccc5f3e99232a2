namespace DeepNlp.Data;

/// <summary>A data-set folder or file is missing; the message names the data set and how to restore it.</summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message (names the data set, the path looked at and how to restore it).</param>
    /// <param name="path">The path that was looked for.</param>
    public DatasetNotFoundException(string message, string path) : base(message, path) { }
}
