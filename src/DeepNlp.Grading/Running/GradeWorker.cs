using DeepNlp.Engine.Notebooks;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Execution;
using DeepNlp.Grading.Authoring;
using DeepNlp.Labs;

namespace DeepNlp.Grading.Running;

/// <summary>The child process that grades one submission: runs the planned cells (<see cref="GradingPlan"/>) in a fresh
/// notebook session and logs every cell and test. Started by <see cref="LabGrader"/> as <c>course grade-worker</c>; not
/// for direct use.</summary>
/// <remarks>
/// The job arrives as one JSON line on stdin, lab and hidden tests included, so neither the log paths, the nonce nor the
/// tests appear on the command line, in the environment or on disk where the student's code could look. A retry runs
/// every cell again except one that started but never ended (it killed the attempt): that one is logged as crashed and
/// skipped, so the retry gets past it. Before a student cell runs, its directives are checked
/// (<see cref="SubmissionDirectives"/>) and a semantic pass looks for forbidden calls (<see cref="ForbiddenCalls"/>); each
/// finding is logged as a <c>violation</c> line that costs the questions it names.
/// </remarks>
public static class GradeWorker
{
    /// <summary>The hidden subcommand name that runs the worker.</summary>
    public const string CommandName = "grade-worker";

    /// <summary>Reads the job from <paramref name="input"/>, grades, and returns the process exit code (0 when the plan finished).</summary>
    /// <param name="input">The worker's stdin.</param>
    public static async Task<int> RunAsync(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = JsonSerializer.Deserialize<GradeJob>(input.ReadLine() ?? "")
            ?? throw new InvalidOperationException("grade-worker: no job on stdin");
        var lab = Lab.FromText(job.LabPath, job.LabText, job.HiddenText);
        JsonObject submission;
        try
        {
            submission = NotebookJson.Load(job.SubmissionPath, LabFormatException.Create);
        }
        catch (LabFormatException e)
        {
            GradingLogs.Append(job.CellsLog, new CellEvent(job.Nonce, CellEventKind.End, -1, "submission", PlannedCellKind.Student, "", CellEventStatus.Malformed, e.Message));
            GradingLogs.Append(job.CellsLog, new CellEvent(job.Nonce, CellEventKind.Done, -1, "", PlannedCellKind.None, "", CellEventStatus.None, ""));
            return 0;
        }
        var plan = GradingPlan.Build(lab, submission);
        var previous = GradingLogs.ReadCells(job.CellsLog, job.Nonce);
        // A fresh process has a fresh session, so every cell runs again, except one that killed an earlier attempt:
        // it started and never ended, or was already logged as crashed. The test run is never skipped: it resumes
        // from its own log and skips the test that crashed instead.
        var ended = previous.Where(e => e.Kind == CellEventKind.End).Select(e => e.Index).ToHashSet();
        var crashed = previous.Where(e => e.Kind == CellEventKind.End && e.Status == CellEventStatus.Crashed).Select(e => e.Index)
            .Concat(previous.Where(e => e.Kind == CellEventKind.Start && !ended.Contains(e.Index)).Select(e => e.Index)).ToHashSet();
        var violationsLogged = previous.Where(e => e.Kind == CellEventKind.Violation).Select(e => e.Index).ToHashSet();

        string labDirectory = Path.GetDirectoryName(lab.Path)!;
        var kitFolders = SubmissionDirectives.KitFolders(lab);
        var autograded = lab.Questions.Where(q => !q.Written).Select(q => q.Id).ToList();
        // Per-question limits come from `lab`, parsed from the instructor's notebook text in the job, never from the submission.
        var questionTimeouts = lab.Questions.Where(q => q.TestTimeoutSeconds is not null)
            .ToDictionary(q => q.Id, q => q.TestTimeoutSeconds!.Value, StringComparer.Ordinal);
        using var session = new NotebookSession(new NotebookSessionOptions
        {
            NotebookDirectory = labDirectory,
            StopGracePeriod = TimeSpan.FromSeconds(1),
        });
        var stdout = new CappedWriter(Console.Out, job.OutputLimitChars);
        var stderr = new CappedWriter(Console.Error, job.OutputLimitChars);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        bool truncated = false;
        SessionMark? branchPoint = null;
        for (int i = 0; i < plan.Count; i++)
        {
            var cell = plan[i];
            if (cell.Kind == PlannedCellKind.Mark)
            {
                branchPoint = session.Mark();
                continue;
            }
            if (cell.Kind == PlannedCellKind.Restore)
            {
                // The student's branch is over: from here on the chain continues from the lab's prefix, and only the
                // lab's own cells may register tests.
                GradedExports.Seal();
                session.Restore(branchPoint ?? throw new InvalidOperationException("grading plan restores before it marks"));
                Grader.BeginGrading();
                continue;
            }
            if (crashed.Contains(i) && cell.Kind != PlannedCellKind.Run)
            {
                Log(job, CellEventKind.End, i, cell, CellEventStatus.Crashed,
                    "the grading process ended during this cell (Environment.Exit, stack overflow, out of memory or the time limit); it was skipped on the next attempt");
                continue;
            }
            Log(job, CellEventKind.Start, i, cell, CellEventStatus.None, "");
            if (cell.Kind == PlannedCellKind.Run)
            {
                var runStatus = CellEventStatus.Ok;
                string runMessage = "";
                try { Grader.RunForGrading(job.TestsLog, job.Nonce, job.TestTimeoutSeconds, questionTimeouts); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { (runStatus, runMessage) = (CellEventStatus.RuntimeError, e.Message); }
                Log(job, CellEventKind.End, i, cell, runStatus, runMessage);
                continue;
            }
            string code = cell.Code;
            if (cell.Kind == PlannedCellKind.Student)
            {
                var (checkedCode, refusal) = SubmissionDirectives.Check(code, kitFolders, labDirectory);
                if (refusal is not null)
                {
                    Log(job, CellEventKind.End, i, cell, CellEventStatus.Refused, refusal);
                    continue;
                }
                code = checkedCode;
                var violations = FindViolations(session, code, lab, autograded);
                if (!violationsLogged.Contains(i))
                    foreach (var v in violations)
                        Log(job, CellEventKind.Violation, i, cell with { Question = string.Join(",", v.Questions) }, v.Blocks ? CellEventStatus.Refused : CellEventStatus.Forbidden, $"line {v.Line}: {v.What}");
                if (violations.Any(v => v.Blocks))
                {
                    Log(job, CellEventKind.End, i, cell, CellEventStatus.Refused, "not run: " + string.Join("; ", violations.Where(v => v.Blocks).Select(v => $"line {v.Line}: {v.What}")));
                    continue;
                }
            }
            // Only the student's cells have a time limit; the lab's own cells are bounded by the wall-time limit.
            using var limit = new CancellationTokenSource();
            if (cell.Kind == PlannedCellKind.Student) limit.CancelAfter(TimeSpan.FromSeconds(job.CellTimeoutSeconds));
            CellOutcome? outcome = null;
            try
            {
                using (LabScope.Enter(lab: cell.Kind is PlannedCellKind.Stubs or PlannedCellKind.Tests or PlannedCellKind.Hidden))
                    outcome = await session.ExecuteAsync(code, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                // Cancelled while compiling: the cell never started.
            }
            var status = outcome is null || (outcome.Status == CellStatus.Interrupted && limit.IsCancellationRequested)
                ? CellEventStatus.TimedOut : ToEventStatus(outcome.Status);
            string message = status == CellEventStatus.TimedOut ? $"ran past the {job.CellTimeoutSeconds:g} s limit per cell (infinite loop?)"
                : outcome?.Error is { } error ? error.ToString() : "";
            if (!truncated && (stdout.Truncated || stderr.Truncated))
            {
                truncated = true;
                message = (message + $" (console output over the {job.OutputLimitChars:N0}-character limit was dropped from here on)").Trim();
            }
            Log(job, CellEventKind.End, i, cell, status, message);
        }
        Log(job, CellEventKind.Done, plan.Count, new PlannedCell("", PlannedCellKind.None, "", ""), CellEventStatus.None, "");
        return 0;
    }

    private static CellEventStatus ToEventStatus(CellStatus status) => status switch
    {
        CellStatus.Ok => CellEventStatus.Ok,
        CellStatus.CompileError => CellEventStatus.CompileError,
        CellStatus.RuntimeError => CellEventStatus.RuntimeError,
        CellStatus.Interrupted => CellEventStatus.Interrupted,
        CellStatus.TimedOut => CellEventStatus.TimedOut,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown cell status"),
    };

    private static List<Violation> FindViolations(NotebookSession session, string code, Lab lab, IReadOnlyList<string> autograded)
    {
        try
        {
            return ForbiddenCalls.Find(session.GetCompilation(code), lab.Forbidden, autograded);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A cell the pass cannot read is not run: whatever it is, it could hide a call.
            return [new Violation(autograded, 1, $"the forbidden-call check could not read this cell ({e.GetType().Name}: {e.Message})", true)];
        }
    }

    private static void Log(GradeJob job, CellEventKind kind, int index, PlannedCell cell, CellEventStatus status, string message) =>
        GradingLogs.Append(job.CellsLog, new CellEvent(job.Nonce, kind, index, cell.Label, cell.Kind, cell.Question, status,
            message.Length <= 2000 ? message : message[..2000] + "… (truncated)"));
}
