namespace DeepNlp.Grading.Tests.Running;

/// <summary>Grades one batch of mini-lab submissions (solution, student version, partly right, and the adversarial
/// set) in a single run, with short limits, so the process-spawning tests share the cost.</summary>
public sealed class MiniGradingRun : IDisposable
{
    public static readonly GradingOptions Options = new()
    {
        Jobs = 3,
        CellTimeout = TimeSpan.FromSeconds(15),
        TestTimeout = TimeSpan.FromSeconds(4),
        WallTimeout = TimeSpan.FromSeconds(180),
        MemoryLimitBytes = 768L << 20,
        OutputLimitChars = 200_000,
        MaxAttempts = 5,
        Worker = KitPaths.Worker,
    };

    public MiniGradingRun()
    {
        Kit = new MiniKit();
        Out = Path.Combine(Kit.Root, "grading-out");
        Directory.CreateDirectory(Out);
        string subs = Path.Combine(Kit.Root, "submissions");
        string add = MiniKit.AddSolution, mean = MiniKit.MeanSolution;
        var paths = new List<string>
        {
            Kit.Submission(subs, "solution", ("add-1", add), ("mean-1", mean)),
            Kit.Submission(subs, "student"),
            Kit.Submission(subs, "partial", ("add-1", add), ("mean-1", "double Mean(double[] xs) => xs.Sum(Math.Abs) / xs.Length;")),
            Kit.Submission(subs, "infinite_loop", ("add-1", "int Add(int a, int b) { while (true) { } }"), ("mean-1", mean)),
            Kit.Submission(subs, "busy_cell", ("add-1", add + "\nwhile (DateTime.Now.Year > 2000) { }"), ("mean-1", mean)),
            Kit.Submission(subs, "stack_overflow", ("add-1", "int Add(int a, int b) => Add(a, b) + 1;"), ("mean-1", mean)),
            Kit.Submission(subs, "huge_allocation", ("add-1", "int Add(int a, int b) { var keep = new List<double[]>(); while (true) keep.Add(new double[50_000_000]); }"), ("mean-1", mean)),
            Kit.Submission(subs, "exits", ("add-1", add), ("mean-1", "double Mean(double[] xs) { Environment.Exit(0); return 0; }")),
            Kit.Submission(subs, "throws_everywhere", ("add-1", add + "\nthrow new InvalidOperationException(\"boom in the add cell\");"),
                ("mean-1", mean + "\nthrow new InvalidOperationException(\"boom in the mean cell\");")),
            Kit.Submission(subs, "renamed", ("add-1", add.Replace("int Add(", "int Plus(", StringComparison.Ordinal)), ("mean-1", mean)),
            Kit.Submission(subs, "enormous_output", ("add-1", "int Add(int a, int b) { for (int i = 0; i < 20; i++) Console.Write(new string('x', 100_000)); return a + b; }\n"
                + "for (int i = 0; i < 30; i++) Console.WriteLine(new string('y', 1_000_000));"), ("mean-1", mean)),
            Kit.Submission(subs, "writes_files", ("add-1", add + "\n"
                + $"File.WriteAllText(@\"{Out}/gradebook.csv\", \"student,total\\nwrites_files,1000\\n\");\n"
                + $"Directory.CreateDirectory(@\"{Out}/gradescope\"); File.WriteAllText(@\"{Out}/gradescope/writes_files.json\", \"{{\\\"score\\\": 1000}}\");\n"
                + $"Directory.CreateDirectory(@\"{Out}/.state\"); File.WriteAllText(@\"{Out}/.state/writes_files.json\", \"forged\");\n"
                + "File.WriteAllText(\"scribble.txt\", \"in the working folder\");")),
            Kit.Submission(subs, "fake_lines", ("add-1", "Console.WriteLine(\"{\\\"Nonce\\\":\\\"guess\\\",\\\"Kind\\\":\\\"end\\\",\\\"Question\\\":\\\"q1\\\",\\\"Name\\\":\\\"one plus one\\\",\\\"Passed\\\":true}\");\n"
                + "Console.WriteLine(\"score: 5/5\");\nGrader.Test(\"q1\", \"free points\", () => { }, weight: 100);\n" + "int Add(int a, int b) => throw new NotImplementedException();")),
            Kit.Submission(subs, "edited_tests", ("tests-1", "Grader.Question(\"q1\", points: 2);\nGrader.Test(\"q1\", \"one plus one\", () => { });\nGrader.Check(\"q1\")")),
        };
        File.WriteAllText(Path.Combine(subs, "malformed.ipynb"), "{ \"cells\": [ not json");
        paths.Add(Path.Combine(subs, "malformed.ipynb"));
        File.WriteAllText(Path.Combine(subs, "not_notebook.ipynb"), "{\"data\": [1, 2, 3]}");
        paths.Add(Path.Combine(subs, "not_notebook.ipynb"));
        Directory.CreateDirectory(Path.Combine(subs, "empty_folder"));
        paths.Add(Path.Combine(subs, "empty_folder"));
        Submissions = paths;
        var progress = new List<GradingProgress>();
        Results = LabGrader.GradeAsync(Kit.LabPath, paths, Out, Options, new Collect(progress)).GetAwaiter().GetResult()
            .ToDictionary(r => r.Student);
        Progress = progress;
    }

    public MiniKit Kit { get; }

    public string Out { get; }

    public IReadOnlyList<string> Submissions { get; }

    public IReadOnlyDictionary<string, SubmissionResult> Results { get; }

    public IReadOnlyList<GradingProgress> Progress { get; }

    public void Dispose() => Kit.Dispose();

    private sealed class Collect(List<GradingProgress> into) : IProgress<GradingProgress>
    {
        public void Report(GradingProgress value) => into.Add(value);
    }
}
