using System.CommandLine;
using System.Text.Json;
using DeepNlp.Engine.Execution;
using DeepNlp.Engine.Notebooks;

namespace Course.Cli;

/// <summary><c>course run NOTEBOOK... [--out DIR] [--timeout S] [--continue-on-error]</c>: executes notebooks and writes executed copies.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks") { Description = "Notebooks (.ipynb) to execute", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the executed copies (default: out/executed); the sources are never modified" };
        var timeout = new Option<double?>("--timeout") { Description = "Per-cell timeout in seconds (default: none)" };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Keep executing cells after a failing one" };
        var report = new Option<string?>("--report") { Description = "Write a JSON summary of the run to this file (used by course test)", Hidden = true };
        var command = new Command("run", "Execute notebooks headlessly and write executed copies") { notebooks, outDir, timeout, continueOnError, report };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new NotebookRunOptions
            {
                CellTimeout = parse.GetValue(timeout) is double s ? TimeSpan.FromSeconds(s) : null,
                ContinueOnError = parse.GetValue(continueOnError),
            };
            var target = Path.GetFullPath(parse.GetValue(outDir) ?? Path.Combine("out", "executed"));
            var exit = 0;
            var reports = new List<RunReport>();
            foreach (var path in parse.GetValue(notebooks)!)
            {
                var result = await RunOneAsync(path, target, options, cancellationToken);
                reports.Add(result);
                if (!result.Succeeded) exit = 1;
            }
            if (parse.GetValue(report) is { } reportPath)
                await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(reports, RunReport.JsonOptions), cancellationToken);
            return exit;
        });
        return command;
    }

    /// <summary>Runs one notebook in this process and saves the executed copy; prints one line, and the failures.</summary>
    public static async Task<RunReport> RunOneAsync(string path, string outDir, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var shown = NotebookFiles.Display(Path.GetFullPath(path));
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"FAIL {shown}: {e.Message}");
            return new RunReport(shown, 0, 0, 0, [new FailureReport(null, null, null, "NotebookFormatError", e.Message)], 0, null);
        }
        var output = NotebookFiles.OutputPath(notebook.Path!, outDir, Directory.GetCurrentDirectory());
        // Cells run in the notebook's folder, as under Jupyter (relative file paths and the datasets search rely on it).
        var cwd = Directory.GetCurrentDirectory();
        NotebookRunResult result;
        try
        {
            Directory.SetCurrentDirectory(Path.GetDirectoryName(notebook.Path!)!);
            result = await NotebookRunner.RunAsync(notebook, options, cancellationToken);
        }
        finally
        {
            Directory.SetCurrentDirectory(cwd);
        }
        notebook.Save(output);
        var codeCells = notebook.Cells.Count(c => c.Kind == CellKind.Code);
        if (result.Succeeded)
            Console.WriteLine($"ok   {shown}  ({codeCells} code cells, {result.Elapsed.TotalSeconds:F1} s) -> {NotebookFiles.Display(output)}");
        else
        {
            Console.WriteLine($"FAIL {shown}  ({result.Outcomes.Count}/{codeCells} cells ran, {result.Elapsed.TotalSeconds:F1} s) -> {NotebookFiles.Display(output)}");
            foreach (var f in result.Failures)
            {
                Console.WriteLine($"     {f}");
                foreach (var line in f.Error.Traceback.Take(12)) Console.WriteLine($"       {line}");
            }
        }
        return new RunReport(
            shown, codeCells, result.Outcomes.Count, result.CellsSkipped,
            result.Failures.Select(f => new FailureReport(f.CellNumber, f.Error.Line, f.Error.Column, f.Error.Name, f.Error.Message)).ToList(),
            result.Elapsed.TotalSeconds, output);
    }
}
