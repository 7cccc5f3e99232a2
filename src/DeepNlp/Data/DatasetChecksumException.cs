namespace DeepNlp.Data;

/// <summary>A data-set file's sha256 differs from the one its README documents (the file is corrupted or was edited).</summary>
public sealed class DatasetChecksumException : IOException
{
    /// <summary>Creates the exception; the message names the file, both hashes and how to restore the file.</summary>
    /// <param name="path">Full path of the offending file.</param>
    /// <param name="expected">Documented sha256 (hex).</param>
    /// <param name="actual">sha256 of the file on disk (hex).</param>
    /// <param name="restoreHint">One sentence saying how to get a good copy back.</param>
    public DatasetChecksumException(string path, string expected, string actual, string restoreHint)
        : base($"Checksum mismatch for '{path}': expected sha256 {expected}, actual {actual}. " +
               $"The file is corrupted or was modified. {restoreHint}")
    {
        FilePath = path;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Full path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>Documented sha256 (lower-case hex).</summary>
    public string Expected { get; }

    /// <summary>sha256 of the file on disk (lower-case hex).</summary>
    public string Actual { get; }
}
