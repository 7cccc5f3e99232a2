namespace DeepNlp.Labs;

/// <summary>Thrown by <see cref="Expect"/> when a lab test's expectation does not hold.</summary>
/// <remarks>The grader reports the message to the student, so it says what was expected and what was found.</remarks>
public sealed class ExpectationFailedException : Exception
{
    /// <summary>Creates the exception with a message for the student.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public ExpectationFailedException(string message) : base(message) { }
}
