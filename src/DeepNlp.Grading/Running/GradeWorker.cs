using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Execution;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Running;

/// <summary>The child process that grades one submission: runs the planned cells in a fresh notebook session and logs
/// every cell and test. Started by <see cref="LabGrader"/> as <c>course grade-worker</c>; not for direct use.</summary>
/// <remarks>
/// The job arrives as one JSON line on stdin, so neither the log paths nor the nonce appear on the command line or in
/// the environment of the student's code. A retry runs every cell again except one that started but never ended (it killed
/// the attempt): that one is logged as crashed and skipped, so the retry gets past it.
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
        var lab = Lab.Load(job.LabPath);
        JsonObject submission;
        try
        {
            submission = NotebookJson.Load(job.SubmissionPath);
        }
        catch (LabFormatException e)
        {
            GradingLogs.Append(job.CellsLog, new CellEvent(job.Nonce, "end", -1, "submission", "student", "", "Malformed", e.Message));
            GradingLogs.Append(job.CellsLog, new CellEvent(job.Nonce, "done", -1, "", "", "", "", ""));
            return 0;
        }
        var plan = GradingPlan.Build(lab, submission, job.TestsLog, job.Nonce, job.TestTimeoutSeconds);
        var previous = GradingLogs.ReadCells(job.CellsLog, job.Nonce);
        // A fresh process has a fresh session, so every cell runs again, except one that killed an earlier attempt:
        // it started and never ended, or was already logged as crashed. The test run is never skipped: it resumes
        // from its own log and skips the test that crashed instead.
        var ended = previous.Where(e => e.Kind == "end").Select(e => e.Index).ToHashSet();
        var crashed = previous.Where(e => e.Kind == "end" && e.Status == "Crashed").Select(e => e.Index)
            .Concat(previous.Where(e => e.Kind == "start" && !ended.Contains(e.Index)).Select(e => e.Index)).ToHashSet();

        using var session = new NotebookSession(new NotebookSessionOptions
        {
            NotebookDirectory = Path.GetDirectoryName(lab.Path),
            StopGracePeriod = TimeSpan.FromSeconds(1),
        });
        var stdout = new CappedWriter(Console.Out, job.OutputLimitChars);
        var stderr = new CappedWriter(Console.Error, job.OutputLimitChars);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        bool truncated = false;
        for (int i = 0; i < plan.Count; i++)
        {
            var cell = plan[i];
            if (crashed.Contains(i) && cell.Kind != "run")
            {
                Log(job, "end", i, cell, "Crashed",
                    "the grading process ended during this cell (Environment.Exit, stack overflow, out of memory or the time limit); it was skipped on the next attempt");
                continue;
            }
            Log(job, "start", i, cell, "", "");
            // Only the student's cells have a time limit; the lab's own cells are bounded by the wall-time limit.
            using var limit = new CancellationTokenSource();
            if (cell.Kind == "student") limit.CancelAfter(TimeSpan.FromSeconds(job.CellTimeoutSeconds));
            CellOutcome? outcome = null;
            try
            {
                outcome = await session.ExecuteAsync(cell.Code, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                // Cancelled while compiling: the cell never started.
            }
            string status = outcome is null || (outcome.Status == CellStatus.Interrupted && limit.IsCancellationRequested)
                ? "TimedOut" : outcome.Status.ToString();
            string message = status == "TimedOut" ? $"ran past the {job.CellTimeoutSeconds:g} s limit per cell (infinite loop?)"
                : outcome?.Error is { } error ? error.ToString() : "";
            if (!truncated && (stdout.Truncated || stderr.Truncated))
            {
                truncated = true;
                message = (message + $" (console output over the {job.OutputLimitChars:N0}-character limit was dropped from here on)").Trim();
            }
            Log(job, "end", i, cell, status, message);
        }
        Log(job, "done", plan.Count, new PlannedCell("", "", "", ""), "", "");
        return 0;
    }

    private static void Log(GradeJob job, string kind, int index, PlannedCell cell, string status, string message) =>
        GradingLogs.Append(job.CellsLog, new CellEvent(job.Nonce, kind, index, cell.Label, cell.Kind, cell.Question, status,
            message.Length <= 2000 ? message : message[..2000] + "… (truncated)"));
}
