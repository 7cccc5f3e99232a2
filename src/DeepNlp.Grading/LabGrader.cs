using DeepNlp.Engine.Notebooks;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;
using DeepNlp.Grading.Policy;
using DeepNlp.Grading.Reports;
using DeepNlp.Grading.Running;

namespace DeepNlp.Grading;

/// <summary>Grades submissions of a lab: <c>course grade LAB SUBMISSIONS... --out DIR</c>.</summary>
/// <remarks>
/// Each submission runs in its own worker process (a fresh notebook session) with a wall-time limit, a GC heap limit, a
/// per-cell and a per-test timeout and a console-output cap. The worker logs every cell and every test to files in a
/// private temporary folder, each line carrying a random nonce; the parent scores from those logs only, never from the
/// worker's console. A worker that dies (stack overflow, <c>Environment.Exit</c>, the wall-time kill) is started again
/// and skips the cell or test that killed it, so the other questions are still graded.
///
/// Threat model: this protects the grading run against mistakes and casual cheating (crashing, hanging, printing fake
/// results, editing the visible tests, registering extra tests, writing files). The student's code runs in the same
/// process as the tests, so a deliberate attacker using reflection could still tamper with the in-process
/// <c>Grader</c> or read the nonce and log path from memory; the hidden tests and the log location are only revealed
/// after the student's cells have run, which raises the bar but is not a sandbox. Run graders in a container or as
/// a separate user (Gradescope does) when that matters, and keep the submissions: any result can be re-graded.
///
/// Outputs in the output folder: <c>gradebook.csv</c>, <c>feedback/STUDENT.md</c> and <c>.html</c>,
/// <c>gradescope/STUDENT.json</c>, <c>written/QUESTION.md</c>, <c>logs/STUDENT.log</c> and <c>.state/</c> for resuming.
/// All are written atomically; the gradebook and written answers are rewritten from memory at the end of the run.
/// </remarks>
public static class LabGrader
{
    /// <summary>Grades <paramref name="submissions"/> (notebooks, or folders holding one) and writes every output.</summary>
    /// <param name="labPath">The lab's solution notebook.</param>
    /// <param name="submissions">Submission notebooks or folders (the folder name is then the student id).</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="progress">Told after each submission (from the grading tasks, one call at a time).</param>
    /// <param name="cancellationToken">Stops the run (running workers are killed).</param>
    /// <returns>One result per submission, in the order given.</returns>
    /// <exception cref="LabFormatException">The lab is malformed.</exception>
    public static async Task<IReadOnlyList<SubmissionResult>> GradeAsync(string labPath, IReadOnlyList<string> submissions,
        string outDir, GradingOptions? options = null, IProgress<GradingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var lab = Lab.Load(labPath);
        options ??= new GradingOptions();
        var worker = options.Worker ?? WorkerCommand.CurrentProcess();
        string? datasets = options.DatasetsDirectory ?? Environment.GetEnvironmentVariable("DEEPNLP_DATASETS") ?? FindDatasets(lab.Path);
        string output = Path.GetFullPath(outDir);
        Directory.CreateDirectory(output);
        var items = Resolve(lab, submissions);
        var policy = options.LatePolicy ?? (File.Exists(PolicyPathFor(lab.Path)) ? LatePolicy.Load(PolicyPathFor(lab.Path)) : null);
        var view = new FeedbackView(policy, policy is null || (options.Now ?? DateTimeOffset.UtcNow) >= policy.Due + policy.Grace);
        var needed = NeededBySandbox(lab, worker, datasets);
        var hidden = new List<string>();
        hidden.AddRange(Sandbox.HideAround(Path.GetDirectoryName(lab.Path)!, needed));
        hidden.AddRange(Sandbox.HideAround(output, needed));
        foreach (var parent in submissions.Select(s => Path.GetDirectoryName(Path.GetFullPath(s).TrimEnd('/', '\\'))!).Distinct(StringComparer.Ordinal))
            hidden.AddRange(Sandbox.HideAround(parent, needed));
        var results = new SubmissionResult[items.Count];
        int done = 0;
        var gate = new object();
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (result, cached) = await GradeOneAsync(lab, items[i], output, options, worker, datasets, hidden, needed, token).ConfigureAwait(false);
                result = result with { Late = policy?.Evaluate(SubmissionTimes.Find(items[i].Student, items[i].Source, items[i].Notebook, options.SubmissionTimes),
                    options.Extensions?.GetValueOrDefault(items[i].Student) ?? TimeSpan.Zero) };
                results[i] = result;
                SubmissionReports.Write(output, lab, result, view);
                lock (gate) progress?.Report(new GradingProgress(++done, items.Count, result, cached));
            }).ConfigureAwait(false);
        foreach (var r in results) SubmissionReports.Write(output, lab, r, view);
        GradebookCsv.Write(Path.Combine(output, "gradebook.csv"), lab, results);
        LmsExport.Write(output, lab, results, options.Roster);
        LabSummary.Write(Path.Combine(output, "summary.html"), lab, results);
        WrittenAnswers.Write(Path.Combine(output, "written"), lab, results);
        return results;
    }

    /// <summary>The isolation workers run under with <paramref name="options"/> on this machine, in words.</summary>
    public static string Isolation(GradingOptions options) => Sandbox.Describe(options.Sandbox && Sandbox.Available);

    /// <summary>The late-policy file beside a lab: <c>NAME.policy.json</c>.</summary>
    /// <param name="labPath">The lab notebook.</param>
    public static string PolicyPathFor(string labPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labPath))!, Path.GetFileNameWithoutExtension(labPath) + ".policy.json");

    private sealed record Item(string Student, string? Notebook, string Problem, string Source);

    private static async Task<(SubmissionResult, bool Cached)> GradeOneAsync(Lab lab, Item item, string output,
        GradingOptions options, WorkerCommand worker, string? datasets, IReadOnlyList<string> hidden, IReadOnlyList<string> needed,
        CancellationToken token)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (item.Notebook is null) return (Failed(lab, item.Student, "", "", item.Problem, clock), false);
        if (Refusal(item.Notebook, options) is { } refused) return (Failed(lab, item.Student, item.Notebook, "", refused, clock), false);
        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(item.Notebook, token).ConfigureAwait(false); }
        catch (IOException e) { return (Failed(lab, item.Student, item.Notebook, "", $"{item.Notebook}: cannot read: {e.Message}", clock), false); }
        string hash = Lab.Hash(bytes);
        string statePath = Path.Combine(output, ".state", item.Student + ".json");
        if (options.Resume && Cached(statePath, hash, lab.Version) is { } previous) return (previous, true);
        JsonObject submission;
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (System.Text.DecoderFallbackException e)
        {
            return (Save(statePath, Failed(lab, item.Student, item.Notebook, hash,
                $"malformed submission: {Path.GetFileName(item.Notebook)} is not UTF-8 text (invalid byte at offset {e.Index}); save it again from Jupyter", clock)), false);
        }
        try { submission = NotebookJson.Parse(text, Path.GetFileName(item.Notebook), LabFormatException.Create); }
        catch (LabFormatException e) { return (Save(statePath, Failed(lab, item.Student, item.Notebook, hash, $"malformed submission: {e.Message}", clock)), false); }
        var labIds = lab.Cells.Where(c => c.Id.Length > 0).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        bool sharesCells = labIds.Count == 0 || NotebookJson.Cells(submission).OfType<JsonObject>().Any(c => labIds.Contains(NotebookJson.Id(c)));

        var scratch = Directory.CreateTempSubdirectory("deepnlp-grade-");
        try
        {
            string nonce = RandomNumberGenerator.GetHexString(32, lowercase: true);
            string secret = Path.Combine(scratch.FullName, RandomNumberGenerator.GetHexString(16, lowercase: true));
            string work = Path.Combine(scratch.FullName, "work");
            Directory.CreateDirectory(secret);
            Directory.CreateDirectory(work);
            string copy = Path.Combine(secret, "submission.ipynb");
            await File.WriteAllBytesAsync(copy, bytes, token).ConfigureAwait(false);
            var job = new GradeJob(lab.Path, lab.NotebookText, lab.HiddenText, copy, Path.Combine(secret, "cells.jsonl"), Path.Combine(secret, "tests.jsonl"), nonce,
                options.CellTimeout.TotalSeconds, options.TestTimeout.TotalSeconds, options.OutputLimitChars);
            var notes = new List<string>();
            if (!sharesCells)
                notes.Add($"{Path.GetFileName(item.Notebook)} shares no cell with {lab.Name} (no cell id in common): is it the notebook of another lab?");
            var log = new System.Text.StringBuilder();
            int attempts = 0;
            while (attempts < options.MaxAttempts)
            {
                attempts++;
                int before = GradingLogs.LineCount(job.CellsLog) + GradingLogs.LineCount(job.TestsLog);
                var exit = await WorkerProcess.RunAsync(worker, job, work, options, datasets, hidden, needed, token).ConfigureAwait(false);
                log.Append($"--- attempt {attempts}: exit code {exit.Code}{(exit.TimedOut ? " (killed at the wall-time limit)" : "")}\n").Append(exit.OutputTail).Append('\n');
                if (GradingLogs.ReadCells(job.CellsLog, nonce).Any(c => c.Kind == CellEventKind.Done)) break;
                notes.Add(exit.TimedOut
                    ? $"attempt {attempts} was killed after the {options.WallTimeout.TotalSeconds:g} s wall-time limit"
                    : $"attempt {attempts}: the grading process exited with code {exit.Code} before finishing");
                if (GradingLogs.LineCount(job.CellsLog) + GradingLogs.LineCount(job.TestsLog) == before) break;
            }
            var cells = GradingLogs.ReadCells(job.CellsLog, nonce);
            var tests = GradingLogs.ReadTests(job.TestsLog, nonce);
            var (questions, problems, finished) = Scoring.Score(lab, cells, tests);
            problems.InsertRange(0, notes);
            AtomicFile.WriteAllText(Path.Combine(output, "logs", item.Student + ".log"), log.ToString());
            var result = new SubmissionResult(item.Student, item.Notebook, hash, lab.Version,
                Math.Round(questions.Sum(q => q.Score), 6), lab.AutogradedPoints, questions, problems, finished,
                WrittenFrom(lab, submission), clock.Elapsed.TotalSeconds, attempts)
            { Isolation = Sandbox.Describe(options.Sandbox && Sandbox.Available) };
            return (Save(statePath, result), false);
        }
        finally
        {
            try { scratch.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why a submission file is not read at all: a symbolic link (it could point at another student's work or
    /// at the grader's files), or a file over the size limit. Folders reached through links are fine: course storage
    /// is often mounted that way.</summary>
    private static string? Refusal(string path, GradingOptions options)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
            return $"{path}: the submission is a symbolic link (to {target}), not a notebook; submit the notebook file itself";
        if (info.Length > options.MaxSubmissionBytes)
            return $"{path}: the notebook is {info.Length / 1e6:F0} MB, over the {options.MaxSubmissionBytes / 1e6:F0} MB limit for a submission; "
                + "clear its outputs (Edit > Clear All Outputs), save and submit again";
        return null;
    }

    private static SubmissionResult Failed(Lab lab, string student, string path, string hash, string problem,
        System.Diagnostics.Stopwatch clock)
    {
        var questions = lab.Questions.Select(q => q.Written
            ? new QuestionScore(q.Id, q.Title, q.Points, 0, true, [], [])
            : new QuestionScore(q.Id, q.Title, q.Points, 0, false,
                [new TestScore(q.Id, "tests could not run", false, false, 0, q.Points, problem)], [problem])).ToList();
        return new SubmissionResult(student, path, hash, lab.Version, 0, lab.AutogradedPoints, questions, [problem], false,
            new Dictionary<string, string>(), clock.Elapsed.TotalSeconds, 0);
    }

    private static SubmissionResult? Cached(string statePath, string hash, string version)
    {
        if (!File.Exists(statePath)) return null;
        try
        {
            var r = JsonSerializer.Deserialize<SubmissionResult>(File.ReadAllText(statePath));
            return r is not null && r.SubmissionHash == hash && r.LabVersion == version ? r : null;
        }
        catch (JsonException) { return null; }
    }

    private static SubmissionResult Save(string statePath, SubmissionResult result)
    {
        AtomicFile.WriteAllText(statePath, JsonSerializer.Serialize(result));
        return result;
    }

    private static Dictionary<string, string> WrittenFrom(Lab lab, JsonObject submission)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var cells = NotebookJson.Cells(submission).OfType<JsonObject>().ToList();
        foreach (var w in lab.Cells.Where(c => c.Kind == LabCellKind.Written))
        {
            var match = cells.FirstOrDefault(c => w.Id.Length > 0 && NotebookJson.Id(c) == w.Id)
                ?? cells.FirstOrDefault(c => NotebookJson.Grading(c)?["question"]?.GetValue<string>() == w.Question);
            answers[w.Question] = match is null ? "" : NotebookJson.Source(match);
        }
        return answers;
    }

    private static List<Item> Resolve(Lab lab, IReadOnlyList<string> submissions)
    {
        var items = new List<Item>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in submissions)
        {
            string full = Path.GetFullPath(s);
            bool isDir = Directory.Exists(full);
            string student = Unique(Sanitize(isDir ? Path.GetFileName(full.TrimEnd('/', '\\')) : Path.GetFileNameWithoutExtension(full)), seen);
            if (!isDir)
            {
                items.Add(File.Exists(full) ? new Item(student, full, "", full) : new Item(student, null, $"{s}: submission not found", full));
                continue;
            }
            var notebooks = Directory.EnumerateFiles(full, "*.ipynb", SearchOption.AllDirectories)
                .Where(p => !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            var named = notebooks.Where(p => Path.GetFileName(p) == lab.Name + ".ipynb").ToList();
            if (named.Count == 1) items.Add(new Item(student, named[0], "", full));
            else if (notebooks.Count == 1) items.Add(new Item(student, notebooks[0], "", full));
            else items.Add(new Item(student, null, notebooks.Count == 0
                ? $"{s}: no .ipynb notebook in the submission"
                : $"{s}: {notebooks.Count} notebooks and none named {lab.Name}.ipynb", full));
        }
        return items;
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        string s = new string(chars).Trim('.');
        return s.Length == 0 ? "submission" : s;
    }

    private static string Unique(string name, HashSet<string> seen)
    {
        string candidate = name;
        for (int k = 2; !seen.Add(candidate); k++) candidate = $"{name}-{k}";
        return candidate;
    }

    /// <summary>What a sandboxed worker must still see: the .NET runtime, the worker program, the kit's folders and the data sets.</summary>
    private static List<string> NeededBySandbox(Lab lab, WorkerCommand worker, string? datasets)
    {
        var needed = new List<string> { System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory() };
        if (Environment.ProcessPath is { } host) needed.Add(Path.GetDirectoryName(host)!);
        needed.Add(Path.GetDirectoryName(Path.GetFullPath(worker.FileName))!);
        needed.AddRange(worker.Arguments.Where(File.Exists).Select(a => Path.GetDirectoryName(Path.GetFullPath(a))!));
        needed.AddRange(SubmissionDirectives.KitFolders(lab));
        if (datasets is not null) needed.Add(datasets);
        return needed;
    }

    /// <summary>The nearest <c>datasets/</c> folder above the lab, as the kit's loaders look for it.</summary>
    internal static string? FindDatasets(string labPath)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(labPath)!); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "datasets");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
