namespace DeepNlp.Grading;

/// <summary>A lab, hidden-test file or submission is malformed; the message names the file, cell and line.</summary>
public sealed class LabFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where (file, cell, line).</param>
    public LabFormatException(string message) : base(message) { }

    /// <summary>Makes the exception from a message; passed where a shared parser asks how to report a problem.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <returns>The exception, not yet thrown.</returns>
    internal static Exception Create(string message) => new LabFormatException(message);
}
