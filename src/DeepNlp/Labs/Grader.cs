using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DeepNlp.Labs;

/// <summary>The in-notebook side of the autograder: labs register tests per question and check them as they go.</summary>
/// <remarks>
/// A test cell of a lab reads:
/// <code>
/// Grader.Question("q1", points: 3, "Naive-softmax loss");
/// Grader.Test("q1", "loss of a uniform score vector is log V", () => Expect.Close(Loss(...), Math.Log(5)));
/// Grader.Check("q1")
/// </code>
/// <see cref="Check"/> runs the visible tests of one question and returns a table. The autograder
/// (<c>course grade</c>) runs the same registrations plus the hidden ones, then calls <see cref="RunForGrading"/>.
/// While the environment variable <c>DEEPNLP_GRADING</c> is <c>1</c>, <see cref="Check"/> only registers, so the
/// grader runs each test once. Registering a test again under the same question and name replaces it, so re-running a
/// cell is harmless. Labs live in <c>notebooks/labs/</c>.
/// While the autograder runs the tests, registrations and resets count only from the lab's own cells (<see cref="LabScope"/>):
/// a submission that calls <see cref="Test"/> or <see cref="Reset"/>, from a cell or from a thread it started, changes nothing.
/// </remarks>
public static class Grader
{
    private static readonly object Gate = new();
    private static readonly List<LabTest> Tests = [];
    private static readonly Dictionary<string, (double Points, string Title)> Questions = new(StringComparer.Ordinal);

    /// <summary>Longest a single test may run inside <see cref="Check"/> before it is reported as timed out.</summary>
    public static TimeSpan TestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True while the autograder runs this notebook (environment variable <c>DEEPNLP_GRADING=1</c>).</summary>
    public static bool IsGrading => Environment.GetEnvironmentVariable("DEEPNLP_GRADING") == "1";

    /// <summary>Declares a question: its id, points and title (shown in check tables).</summary>
    /// <param name="id">Question id, e.g. <c>q1</c>.</param>
    /// <param name="points">Points the question is worth; the autograder reads the same number from the cell.</param>
    /// <param name="title">Short title.</param>
    /// <exception cref="ArgumentException">The id is empty or points are negative.</exception>
    public static void Question(string id, double points, string title = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!(points >= 0)) throw new ArgumentException("points must be non-negative", nameof(points));
        if (LabScope.Restricted && !LabScope.IsLabCode) return;
        lock (Gate) Questions[id] = (points, title ?? "");
    }

    /// <summary>Registers a test of question <paramref name="question"/>; it passes when <paramref name="body"/> returns.</summary>
    /// <param name="question">Question id.</param>
    /// <param name="name">What the test claims, e.g. "gradient matches finite differences".</param>
    /// <param name="body">Throws (typically through <see cref="Expect"/>) when the claim is false.</param>
    /// <param name="weight">Share of the question's points, relative to its other tests.</param>
    /// <param name="hidden">True for hidden tests (only in the instructor's hidden-test file).</param>
    /// <exception cref="ArgumentException">Empty id or name, or a negative weight.</exception>
    public static void Test(string question, string name, Action body, double weight = 1, bool hidden = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(body);
        if (!(weight >= 0)) throw new ArgumentException("weight must be non-negative", nameof(weight));
        // While grading, only the lab's own cells register (see LabScope): a submission's registrations are ignored.
        if (LabScope.Restricted && !LabScope.IsLabCode) return;
        var test = new LabTest(question, name, body, weight, hidden);
        lock (Gate)
        {
            int i = Tests.FindIndex(t => t.Question == question && t.Name == name);
            if (i >= 0) Tests[i] = test;
            else Tests.Add(test);
        }
    }

    /// <summary>Runs the visible tests of <paramref name="question"/> now and returns a pass/fail table.</summary>
    /// <param name="question">Question id.</param>
    /// <returns>The table; while grading, an empty table saying the tests run at the end.</returns>
    public static CheckResult Check(string question)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        List<LabTest> tests;
        lock (Gate) tests = Tests.Where(t => t.Question == question && !t.Hidden).ToList();
        if (IsGrading) return new CheckResult(question, [], "The autograder runs these tests after the last cell.");
        if (tests.Count == 0) return new CheckResult(question, [], $"No tests are registered for {question}.");
        var outcomes = tests.Select(t => Run(t, TestTimeout)).ToList();
        var result = new CheckResult(question, outcomes, Title(question));
        // `course test` runs the labs' solutions with this set: a visible test that fails there is a broken lab, so the
        // cell fails instead of showing a red table that nobody reads.
        if (Environment.GetEnvironmentVariable(StrictChecksVariable) == "1" && !result.AllPassed)
            throw new DeepNlp.Evaluation.LessonCheckFailedException($"every visible test of {question} passes", result.ToString());
        return result;
    }

    /// <summary>Set to 1 by <c>course test</c>: <see cref="Check"/> then throws when a visible test fails.</summary>
    internal const string StrictChecksVariable = "DEEPNLP_STRICT_CHECKS";

    /// <summary>Forgets every registered question and test (used when a notebook restarts its checks).</summary>
    public static void Reset()
    {
        if (LabScope.Restricted && !LabScope.IsLabCode) return;
        lock (Gate)
        {
            Tests.Clear();
            Questions.Clear();
        }
    }

    /// <summary>Forgets every registration and from now on accepts them only from the lab's code (the grading worker,
    /// before the lab's tests cells).</summary>
    internal static void BeginGrading()
    {
        LabScope.BeginGrading();
        lock (Gate)
        {
            Tests.Clear();
            Questions.Clear();
        }
    }

    /// <summary>Runs every registered test, appending a <see cref="GradingEvent"/> line per step to <paramref name="resultsPath"/>.</summary>
    /// <param name="resultsPath">The results log chosen by the autograder; created if missing.</param>
    /// <param name="nonce">The autograder's secret for this run, written on every line.</param>
    /// <param name="testTimeoutSeconds">Longest a single test may run by default.</param>
    /// <param name="questionTimeoutSeconds">Per question id, the limit the lab's author set for that question's tests
    /// (a tests cell's <c>"test_timeout"</c> metadata); each of its tests gets the larger of this and
    /// <paramref name="testTimeoutSeconds"/>. The autograder takes these from the instructor's copy of the lab, never from a
    /// submission. Null: the default for every test.</param>
    /// <returns>The number of tests that ran in this call.</returns>
    /// <remarks>
    /// Tests that already have an <c>end</c> line are skipped, and a test with a <c>start</c> line but no end is the one
    /// that killed the previous attempt (stack overflow, <c>Environment.Exit</c>): it is recorded as failed and skipped.
    /// So the autograder can start the process again and still grade the tests after a crash. Called by the grading
    /// worker, not by students.
    /// </remarks>
    public static int RunForGrading(string resultsPath, string nonce, double testTimeoutSeconds, IReadOnlyDictionary<string, double>? questionTimeoutSeconds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(nonce);
        var (ended, started) = ReadLog(resultsPath, nonce);
        List<LabTest> tests;
        lock (Gate) tests = [.. Tests];
        using var log = new FileStream(resultsPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        int ran = 0;
        foreach (var t in tests)
        {
            string key = Key(t.Question, t.Name);
            if (ended.Contains(key)) continue;
            if (started.Contains(key))
            {
                Append(log, new GradingEvent(nonce, GradingEventKind.End, t.Question, t.Name, t.Hidden, t.Weight, false,
                    "the grading process died during this test (stack overflow, Environment.Exit or a crash)", 0));
                continue;
            }
            Append(log, new GradingEvent(nonce, GradingEventKind.Start, t.Question, t.Name, t.Hidden, t.Weight, false, "", 0));
            double limit = questionTimeoutSeconds is not null && questionTimeoutSeconds.TryGetValue(t.Question, out var own)
                ? Math.Max(own, testTimeoutSeconds) : testTimeoutSeconds;
            var o = Run(t, TimeSpan.FromSeconds(limit));
            Append(log, new GradingEvent(nonce, GradingEventKind.End, t.Question, t.Name, t.Hidden, t.Weight, o.Passed, o.Message, o.Seconds));
            ran++;
        }
        Append(log, new GradingEvent(nonce, GradingEventKind.Done, "", "", false, 0, true, "", 0));
        return ran;
    }

    private static string Title(string question)
    {
        lock (Gate)
        {
            return Questions.TryGetValue(question, out var q)
                ? $"{question} ({q.Points:g} points){(q.Title.Length > 0 ? ": " + q.Title : "")}"
                : "";
        }
    }

    private static string Key(string question, string name) => question + "\u001f" + name;

    private static (HashSet<string> Ended, HashSet<string> Started) ReadLog(string path, string nonce)
    {
        var ended = new HashSet<string>(StringComparer.Ordinal);
        var started = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return (ended, started);
        foreach (var line in File.ReadLines(path))
        {
            GradingEvent? e;
            try { e = JsonSerializer.Deserialize<GradingEvent>(line); }
            catch (JsonException) { continue; }
            if (e is null || e.Nonce != nonce) continue;
            if (e.Kind == GradingEventKind.End) ended.Add(Key(e.Question, e.Name));
            else if (e.Kind == GradingEventKind.Start) started.Add(Key(e.Question, e.Name));
        }
        return (ended, started);
    }

    private static void Append(FileStream log, GradingEvent e)
    {
        log.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(e) + "\n"));
        log.Flush(flushToDisk: true);
    }

    /// <summary>Runs one test on its own thread so a runaway test can be abandoned after the timeout.</summary>
    private static TestOutcome Run(LabTest t, TimeSpan timeout)
    {
        Exception? error = null;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try { t.Body(); }
            catch (Exception e) { error = e; }
        }) { IsBackground = true, Name = "lab test " + t.Name };
        thread.Start();
        bool finished = thread.Join(timeout);
        watch.Stop();
        string message = !finished ? $"timed out after {timeout.TotalSeconds:g} s (infinite loop?)"
            : error is null ? ""
            : Describe(error);
        return new TestOutcome(t.Question, t.Name, finished && error is null, Truncate(message), watch.Elapsed.TotalSeconds,
            t.Hidden, t.Weight);
    }

    private static string Describe(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
        return e switch
        {
            ExpectationFailedException => e.Message,
            NotImplementedException => "not implemented yet: " + e.Message,
            OutOfMemoryException => "out of memory: " + e.Message,
            _ => $"{e.GetType().Name}: {e.Message}",
        };
    }

    private static string Truncate(string s) => s.Length <= 2000 ? s : s[..2000] + "… (truncated)";
}
