namespace DeepNlp.Labs;

/// <summary>A test called a graded function that the submission does not define with the lab's signature.</summary>
/// <remarks>Derives from <see cref="NotImplementedException"/>, so feedback reads "not implemented yet: …" as for a
/// function the student has not started.</remarks>
public sealed class GradedMemberMissingException : NotImplementedException
{
    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">Names the function and the lab's signature.</param>
    public GradedMemberMissingException(string message) : base(message) { }
}
