using System.CommandLine;
using System.Text.Json;
using DeepNlp.Engine.Processes;

namespace Course.Cli;

/// <summary><c>course test [PATH]</c>: executes every notebook under PATH, one process each, in parallel; prints a summary table.</summary>
/// <remarks>Exit code 0 when every cell of every notebook ran; 1 otherwise, after naming each failing notebook, cell, line and message.</remarks>
internal static class TestCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A notebook or a folder searched recursively", DefaultValueFactory = _ => "notebooks" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Notebooks executed at once (default: core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell timeout in seconds", DefaultValueFactory = _ => 600 };
        var outDir = new Option<string?>("--out") { Description = "Keep the executed copies in this folder (default: a temporary folder, deleted)" };
        var command = new Command("test", "Execute every notebook under PATH (one process per notebook) and report failures") { path, jobs, timeout, outDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<string> notebooks;
            try
            {
                notebooks = NotebookFiles.Find(parse.GetValue(path)!);
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"course test: {e.Message}");
                return 2;
            }
            if (notebooks.Count == 0)
            {
                Console.Error.WriteLine($"course test: no notebooks under '{parse.GetValue(path)}'");
                return 2;
            }
            var keep = parse.GetValue(outDir);
            var target = keep is null ? Directory.CreateTempSubdirectory("course-test-").FullName : Path.GetFullPath(keep);
            try
            {
                var reports = await RunAllAsync(notebooks, target, parse.GetValue(timeout), Math.Max(1, parse.GetValue(jobs)), cancellationToken);
                return PrintSummary(reports);
            }
            finally
            {
                if (keep is null) Directory.Delete(target, recursive: true);
            }
        });
        return command;
    }

    /// <summary>Runs each notebook in a child `course run` and collects the reports, in the notebooks' order.</summary>
    public static async Task<IReadOnlyList<RunReport>> RunAllAsync(
        IReadOnlyList<string> notebooks, string outDir, double timeoutSeconds, int jobs, CancellationToken cancellationToken)
    {
        var reports = new RunReport[notebooks.Count];
        var reportDir = Directory.CreateTempSubdirectory("course-reports-").FullName;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, notebooks.Count),
                new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var reportFile = Path.Combine(reportDir, $"{i}.json");
                    var start = ChildProcess.Course(["run", notebooks[i], "--out", outDir, "--timeout",
                        timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--report", reportFile]);
                    start.Environment["DEEPNLP_STRICT_CHECKS"] = "1";   // a failing Grader.Check fails the notebook (see Grader.Check)
                    var (exit, output) = await ProcessRunner.RunAsync(start, ct);
                    var shown = NotebookFiles.Display(notebooks[i]);
                    reports[i] = File.Exists(reportFile)
                        ? JsonSerializer.Deserialize<List<RunReport>>(await File.ReadAllTextAsync(reportFile, ct), RunReport.JsonOptions)!.Single()
                        : new RunReport(shown, 0, 0, 0, [new FailureReport(null, null, null, "ProcessFailed", $"exit code {exit}: {Tail(output)}")], 0, null);
                    Console.WriteLine($"{(reports[i].Succeeded ? "ok  " : "FAIL")} {shown} ({reports[i].Seconds:F1} s)");
                });
        }
        finally
        {
            Directory.Delete(reportDir, recursive: true);
        }
        return reports;
    }

    /// <summary>Prints the table and the failures; returns the exit code.</summary>
    public static int PrintSummary(IReadOnlyList<RunReport> reports)
    {
        var width = Math.Max(8, reports.Max(r => r.Notebook.Length));
        Console.WriteLine();
        Console.WriteLine($"{"Notebook".PadRight(width)}  {"Cells",7}  {"Result",-6}  {"Time",8}");
        Console.WriteLine($"{new string('-', width)}  {new string('-', 7)}  {new string('-', 6)}  {new string('-', 8)}");
        foreach (var r in reports)
            Console.WriteLine($"{r.Notebook.PadRight(width)}  {$"{r.CellsRun}/{r.CodeCells}",7}  {(r.Succeeded ? "ok" : "FAIL"),-6}  {r.Seconds,7:F1}s");
        var failed = reports.Where(r => !r.Succeeded).ToList();
        Console.WriteLine();
        foreach (var r in failed)
            foreach (var f in r.Failures.DefaultIfEmpty(new FailureReport(null, null, null, "Skipped", $"{r.CellsSkipped} cells not run")))
                Console.WriteLine($"FAILED {r.Notebook}: {f}");
        Console.WriteLine($"{reports.Count - failed.Count} passed, {failed.Count} failed");
        return failed.Count == 0 ? 0 : 1;
    }

    private static string Tail(string output)
    {
        var lines = output.Trim().Split('\n');
        return string.Join(" | ", lines.TakeLast(5)).Trim();
    }
}
