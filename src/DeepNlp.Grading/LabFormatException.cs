namespace DeepNlp.Grading;

/// <summary>A lab, hidden-test file or submission is malformed; the message names the file, cell and line.</summary>
public sealed class LabFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where (file, cell, line).</param>
    public LabFormatException(string message) : base(message) { }
}
