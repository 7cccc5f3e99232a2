namespace DeepNlp.Labs;

/// <summary>The result of running one lab test: which question, which test, passed or not, and why.</summary>
/// <param name="Question">Question id the test belongs to, e.g. <c>q1</c>.</param>
/// <param name="Name">The test's name as registered with <see cref="Grader.Test"/>.</param>
/// <param name="Passed">True when the test body returned without throwing.</param>
/// <param name="Message">Empty when passed; otherwise what went wrong (failed expectation, exception, timeout).</param>
/// <param name="Seconds">Wall time the test took.</param>
/// <param name="Hidden">True for the instructor's hidden tests (only run by the autograder).</param>
/// <param name="Weight">Relative weight of the test inside its question.</param>
public sealed record TestOutcome(string Question, string Name, bool Passed, string Message, double Seconds, bool Hidden, double Weight);
