namespace DeepNlp.Labs;

/// <summary>One line of the results log that <see cref="Grader.RunForGrading"/> appends for the autograder.</summary>
/// <param name="Nonce">The secret the autograder gave this run; lines without it are ignored.</param>
/// <param name="Kind">Start before a test, End after it, Done when every test has run.</param>
/// <param name="Question">Question id (empty for <c>done</c>).</param>
/// <param name="Name">Test name (empty for <c>done</c>).</param>
/// <param name="Hidden">Whether the test is one of the instructor's hidden tests.</param>
/// <param name="Weight">Relative weight of the test inside its question.</param>
/// <param name="Passed">For <c>end</c>: whether the test passed.</param>
/// <param name="Message">For <c>end</c>: the failure message (empty when passed).</param>
/// <param name="Seconds">For <c>end</c>: wall time of the test.</param>
/// <remarks>The log is JSON lines, append-only, flushed after every line, so a process that dies mid-test still leaves
/// the tests before it and a <c>start</c> line naming the test that killed it.</remarks>
public sealed record GradingEvent(string Nonce, GradingEventKind Kind, string Question, string Name, bool Hidden, double Weight,
    bool Passed, string Message, double Seconds);
