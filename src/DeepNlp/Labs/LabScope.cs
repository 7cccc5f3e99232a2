namespace DeepNlp.Labs;

/// <summary>Tells the lab's own code (tests cells, hidden tests) apart from the student's while the autograder runs.</summary>
/// <remarks>
/// The grading worker enters the scope around each of the lab's cells; the flag flows with the execution context into
/// the cell's thread, and into threads and tasks the lab's code starts. The bridge to a student's graded function
/// (<see cref="GradedExports.EnterStudentCode"/>) leaves it for the length of the call, and threads a submission started
/// earlier never had it. While grading, <see cref="Grader"/> accepts registrations and resets only inside the scope, so
/// a submission cannot add passing tests or remove the lab's, not even from a background thread.
/// </remarks>
internal static class LabScope
{
    private static readonly AsyncLocal<bool> Inside = new();

    /// <summary>True once the worker has called <see cref="BeginGrading"/>: from then on only the lab's code may register.</summary>
    public static bool Restricted { get; private set; }

    /// <summary>True while the current code runs on the lab's behalf.</summary>
    public static bool IsLabCode => Inside.Value;

    /// <summary>Switches to restricted registration (called once by the grading worker, before the tests).</summary>
    public static void BeginGrading() => Restricted = true;

    /// <summary>Marks the code run until disposal as the lab's (or, with <paramref name="lab"/> false, as the student's).</summary>
    public static IDisposable Enter(bool lab)
    {
        bool previous = Inside.Value;
        Inside.Value = lab;
        return new Exit(previous);
    }

    private sealed class Exit(bool previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Inside.Value = previous;
        }
    }
}
