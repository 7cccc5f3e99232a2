using System.CommandLine;
using System.Globalization;
using DeepNlp.Grading;
using DeepNlp.Grading.Authoring;
using DeepNlp.Grading.Autograder;
using DeepNlp.Grading.Running;

namespace Course.Cli;

/// <summary>The grading commands: <c>course assign</c>, <c>course grade</c>, <c>course autograder</c>, and the hidden
/// <c>course grade-worker</c> each graded submission runs in.</summary>
/// <remarks>Program.cs adds them with <c>foreach (var c in GradingCommands.Create()) root.Subcommands.Add(c);</c>.</remarks>
public static class GradingCommands
{
    /// <summary>Creates the four commands.</summary>
    public static Command[] Create() => [Assign(), Grade(), Autograder(), Similarity(), Worker()];

    private static Command Assign()
    {
        var labs = new Argument<string[]>("lab") { Description = "Solution notebook(s) of a lab, or lecture notebook(s) with exercises", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the student versions", Required = true };
        var command = new Command("assign", "Write the student version of a lab or lecture: solutions replaced by TODOs, hidden tests and outputs removed") { labs, outDir };
        command.SetAction(parse =>
        {
            foreach (var lab in parse.GetValue(labs)!)
            {
                try
                {
                    Console.WriteLine($"assigned {lab} -> {StudentVersion.Assign(lab, parse.GetValue(outDir)!)}");
                    if (StudentVersion.IsLecture(File.ReadAllText(lab), Path.GetFileName(lab)))
                        Console.WriteLine("  lecture (no graded questions): every cell kept, exercise solutions stripped");
                    else PrintGradingRules(Lab.Load(lab));
                }
                catch (Exception e) when (e is LabFormatException or ArgumentException or IOException)
                {
                    Console.Error.WriteLine($"course assign: {e.Message}");
                    return 2;
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Grade()
    {
        var lab = new Argument<string>("lab") { Description = "Solution notebook of the lab (its .hidden.cs file beside it)" };
        var submissions = new Argument<string[]>("submissions") { Description = "Submitted notebooks, or folders each holding one", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for gradebook.csv, feedback/, gradescope/, written/", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Submissions graded at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cell = new Option<double>("--cell-timeout") { Description = "Seconds one student cell may run", DefaultValueFactory = _ => 60 };
        var test = new Option<double>("--test-timeout") { Description = "Seconds one test may run", DefaultValueFactory = _ => 10 };
        var wall = new Option<double>("--wall-timeout") { Description = "Seconds one grading process may live", DefaultValueFactory = _ => 300 };
        var memory = new Option<long>("--memory-mb") { Description = "GC heap limit of a grading process, in MiB", DefaultValueFactory = _ => 2048 };
        var noResume = new Option<bool>("--no-resume") { Description = "Grade every submission again, even unchanged ones" };
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "Do not run workers in bubblewrap even where it is installed" };
        var policy = new Option<string?>("--policy") { Description = "Late policy JSON (default: LAB.policy.json beside the lab, if any)" };
        var extensions = new Option<string?>("--extensions") { Description = "CSV of extensions: student, extra_days (or due)" };
        var times = new Option<string?>("--times") { Description = "CSV of submission times: student, submitted_at (default: Gradescope's submission_metadata.json in the folder, else the file's timestamp)" };
        var roster = new Option<string?>("--roster") { Description = "CSV mapping student to name, canvas_id, sis_user_id, sis_login_id, section (for canvas.csv)" };
        var command = new Command("grade", "Grade submissions of a lab, each in its own process with time and memory limits")
            { lab, submissions, outDir, jobs, cell, test, wall, memory, noResume, noSandbox, policy, extensions, times, roster };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DeepNlp.Grading.Policy.LatePolicy? late;
            IReadOnlyDictionary<string, TimeSpan>? extended = null;
            IReadOnlyDictionary<string, DateTimeOffset>? submittedAt = null;
            IReadOnlyDictionary<string, DeepNlp.Grading.Reports.RosterEntry>? people = null;
            try
            {
                string policyPath = parse.GetValue(policy) ?? LabGrader.PolicyPathFor(parse.GetValue(lab)!);
                late = File.Exists(policyPath) || parse.GetValue(policy) is not null ? DeepNlp.Grading.Policy.LatePolicy.Load(policyPath) : null;
                if (parse.GetValue(extensions) is { } e)
                    extended = DeepNlp.Grading.Policy.SubmissionTimes.ReadExtensions(e, late ?? throw new LabFormatException($"{e}: extensions need a late policy (--policy or LAB.policy.json)"));
                if (parse.GetValue(times) is { } t) submittedAt = DeepNlp.Grading.Policy.SubmissionTimes.ReadCsv(t);
                if (parse.GetValue(roster) is { } r) people = DeepNlp.Grading.Reports.Roster.Read(r);
            }
            catch (Exception e) when (e is LabFormatException or IOException)
            {
                Console.Error.WriteLine($"course grade: {e.Message}");
                return 2;
            }
            if (late is not null) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"late policy: due {late.Due:u}, grace {late.Grace.TotalMinutes:0} min, {late.PercentPerDay:0.##}% per day (cap {late.MaxPercent:0.##}%){(late.ZeroAfterDays is { } z ? $", zero after {z:0.##} days" : "")}"));
            var options = new GradingOptions
            {
                LatePolicy = late,
                Extensions = extended,
                SubmissionTimes = submittedAt,
                Roster = people,
                Jobs = Math.Max(1, parse.GetValue(jobs)),
                CellTimeout = TimeSpan.FromSeconds(parse.GetValue(cell)),
                TestTimeout = TimeSpan.FromSeconds(parse.GetValue(test)),
                WallTimeout = TimeSpan.FromSeconds(parse.GetValue(wall)),
                MemoryLimitBytes = parse.GetValue(memory) << 20,
                Resume = !parse.GetValue(noResume),
                Sandbox = !parse.GetValue(noSandbox),
            };
            Console.WriteLine($"isolation: {LabGrader.Isolation(options)}");
            var progress = new Progress(r => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{r.Done}/{r.Total}] {r.Result.Student}: {r.Result.Score:0.##} / {r.Result.MaxScore:0.##}{(r.Cached ? " (unchanged, kept)" : $" ({r.Result.Seconds:F1} s)")}{(r.Result.Problems.Count > 0 ? $", {r.Result.Problems.Count} problem(s)" : "")}")));
            try
            {
                var results = await LabGrader.GradeAsync(parse.GetValue(lab)!, parse.GetValue(submissions)!, parse.GetValue(outDir)!, options, progress, cancellationToken);
                Console.WriteLine($"graded {results.Count} submission(s); gradebook: {Path.Combine(parse.GetValue(outDir)!, "gradebook.csv")}");
                return 0;
            }
            catch (LabFormatException e)
            {
                Console.Error.WriteLine($"course grade: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Autograder()
    {
        var lab = new Argument<string>("lab") { Description = "Solution notebook of the lab" };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the bundle", Required = true };
        var target = new Option<string>("--target") { Description = "gradescope (autograder.zip) or prairielearn (question, entrypoint, Dockerfile)", DefaultValueFactory = _ => "gradescope" };
        target.AcceptOnlyFromAmong("gradescope", "prairielearn");
        var image = new Option<string>("--image") { Description = "PrairieLearn: the Docker image name written to info.json", DefaultValueFactory = _ => "YOUR_DOCKERHUB_USER/deepnlp-grader:latest" };
        var command = new Command("autograder", "Build a Gradescope autograder bundle or a PrairieLearn external grader for a lab") { lab, outDir, target, image };
        command.SetAction(parse =>
        {
            try
            {
                if (parse.GetValue(target) == "prairielearn")
                    Console.WriteLine($"prairielearn entrypoint: {PrairieLearnBundle.Write(parse.GetValue(lab)!, parse.GetValue(outDir)!, AppContext.BaseDirectory, parse.GetValue(image)!)}");
                else Console.WriteLine($"autograder: {AutograderBundle.Write(parse.GetValue(lab)!, parse.GetValue(outDir)!, AppContext.BaseDirectory)}");
                return 0;
            }
            catch (Exception e) when (e is LabFormatException or DirectoryNotFoundException or IOException)
            {
                Console.Error.WriteLine($"course autograder: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Similarity()
    {
        var lab = new Argument<string>("lab") { Description = "Solution notebook of the lab" };
        var submissions = new Argument<string[]>("submissions") { Description = "Submitted notebooks, or folders each holding one", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for index.html, pairs/, pairs.csv", Required = true };
        var k = new Option<int>("--k") { Description = "k-gram length in tokens", DefaultValueFactory = _ => 10 };
        var w = new Option<int>("--window") { Description = "Winnowing window", DefaultValueFactory = _ => 6 };
        var command = new Command("similarity", "Rank pairs of submissions by shared code (winnowed Roslyn-token fingerprints, starter code excluded)") { lab, submissions, outDir, k, w };
        command.SetAction(parse =>
        {
            try
            {
                var pairs = DeepNlp.Grading.Similarity.SimilarityReport.Write(parse.GetValue(lab)!, parse.GetValue(submissions)!, parse.GetValue(outDir)!,
                    Math.Max(1, parse.GetValue(k)), Math.Max(1, parse.GetValue(w)));
                foreach (var p in pairs.Take(10)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Score,5:0.#}  {p.A} / {p.B}"));
                Console.WriteLine($"similarity: {pairs.Count} pair(s); report: {Path.Combine(parse.GetValue(outDir)!, "index.html")}");
                return 0;
            }
            catch (Exception e) when (e is LabFormatException or IOException)
            {
                Console.Error.WriteLine($"course similarity: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>Shows the instructor what the grader will enforce: the graded functions and each question's forbidden APIs.</summary>
    private static void PrintGradingRules(Lab lab)
    {
        Console.WriteLine($"  graded functions (tests reach the submission only through these): {(lab.GradedFunctions.Count == 0 ? "none" : "")}");
        foreach (var f in lab.GradedFunctions) Console.WriteLine($"    {f.Signature}");
        foreach (var q in lab.Questions.Where(q => !q.Written))
        {
            var apis = lab.Forbidden.Where(f => f.Question == q.Id).Select(f => f.Api).ToList();
            Console.WriteLine($"  {q.Id} may not call: {(apis.Count == 0 ? "(nothing forbidden)" : string.Join(", ", apis))}");
        }
    }

    private static Command Worker()
    {
        var command = new Command(GradeWorker.CommandName, "Internal: grade one submission (job on stdin)") { Hidden = true };
        // Exit at once when the plan is done: a thread the submission started must not keep the process (and the
        // grading slot) alive until the wall-time limit.
        command.SetAction(async (_, _) => Environment.Exit(await GradeWorker.RunAsync(Console.In)));
        return command;
    }

    /// <summary>Prints progress lines as they come (the grader reports them one at a time).</summary>
    private sealed class Progress(Action<GradingProgress> report) : IProgress<GradingProgress>
    {
        public void Report(GradingProgress value) => report(value);
    }
}
