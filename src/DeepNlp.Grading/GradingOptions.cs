namespace DeepNlp.Grading;

/// <summary>Limits and settings of a grading run.</summary>
public sealed record GradingOptions
{
    /// <summary>Submissions graded at once (each in its own process). Default: the number of cores.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Longest one student cell may run. Default 60 s.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest one test may run. Default 10 s.</summary>
    public TimeSpan TestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest one worker process may live before it is killed. Default 5 minutes.</summary>
    public TimeSpan WallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>GC heap limit of a worker (DOTNET_GCHeapHardLimit): larger allocations throw OutOfMemoryException. Default 2 GiB.</summary>
    public long MemoryLimitBytes { get; init; } = 2L << 30;

    /// <summary>Console characters a worker keeps; more is dropped. Default one million.</summary>
    public long OutputLimitChars { get; init; } = 1_000_000;

    /// <summary>Worker processes started per submission at most (a crash is skipped on the next attempt). Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>How to start a worker; null: this program (<see cref="WorkerCommand.CurrentProcess"/>).</summary>
    public WorkerCommand? Worker { get; init; }

    /// <summary>The kit's datasets folder for the workers (DEEPNLP_DATASETS); null: found above the lab's folder.</summary>
    public string? DatasetsDirectory { get; init; }

    /// <summary>Run each worker in a bubblewrap sandbox where <c>bwrap</c> is installed and usable (see
    /// <c>Running/Sandbox</c>). Default true; the report says which isolation was in force.</summary>
    public bool Sandbox { get; init; } = true;

    /// <summary>Largest submission notebook read; a larger one is refused with a message (outputs are what make
    /// notebooks large, and the grader needs none of them). Default 64 MB.</summary>
    public long MaxSubmissionBytes { get; init; } = 64_000_000;

    /// <summary>Reuse results of submissions already graded against the same lab version. Default true.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>The deadline and late-penalty rule; null: <c>NAME.policy.json</c> beside the lab when it exists, else none.</summary>
    public Policy.LatePolicy? LatePolicy { get; init; }

    /// <summary>Extensions by student id (see <see cref="Policy.SubmissionTimes.ReadExtensions"/>); null: none.</summary>
    public IReadOnlyDictionary<string, TimeSpan>? Extensions { get; init; }

    /// <summary>Submission times by student id (see <see cref="Policy.SubmissionTimes.ReadCsv"/>); null: Gradescope's
    /// metadata or the notebook's timestamp.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? SubmissionTimes { get; init; }

    /// <summary>The time feedback is written at: hidden tests are named in feedback only after the due date. Null: now.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The class roster for the Canvas export (see <see cref="Reports.Roster"/>); null: none (student ids go in
    /// the SIS User ID column).</summary>
    public IReadOnlyDictionary<string, Reports.RosterEntry>? Roster { get; init; }
}
