using System.CommandLine;
using Course.Cli.Rendering;
using DeepNlp.Engine.Display;

namespace Course.Cli;

/// <summary><c>course render [PATH] --out DIR [--execute] [--mathjax FILE] [--live HOST]</c>: a static HTML site of executed notebooks.</summary>
/// <remarks>
/// Renders the notebooks as they are (e.g. the copies <c>course run</c> wrote); with <c>--execute</c> it first executes them,
/// one process each, like <c>course test</c>. Math is typeset offline by the MathJax 3 build embedded in course.dll
/// (<c>--mathjax FILE</c> substitutes another single-file build).
/// </remarks>
internal static class RenderCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A notebook or a folder searched recursively", DefaultValueFactory = _ => "notebooks" };
        var outDir = new Option<string>("--out") { Description = "Folder for the site", Required = true };
        var execute = new Option<bool>("--execute") { Description = "Execute the notebooks first (one process each)" };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell timeout in seconds when executing", DefaultValueFactory = _ => 600 };
        var mathJax = new Option<string?>("--mathjax") { Description = "Use this MathJax 3 single-file build instead of the embedded one" };
        var live = new Option<string?>("--live")
        {
            Description = "Make the site live: code cells editable and run in the browser by this published browser host "
                + "(dotnet publish src/DeepNlp.Browser -c Release -o DIR; pass DIR/wwwroot)",
        };
        var command = new Command("render", "Render notebooks into a static HTML site with an index of lectures") { path, outDir, execute, timeout, mathJax, live };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = Path.GetFullPath(parse.GetValue(path)!);
            IReadOnlyList<string> notebooks;
            try
            {
                notebooks = NotebookFiles.Find(source);
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"course render: {e.Message}");
                return 2;
            }
            var baseDir = File.Exists(source) ? Path.GetDirectoryName(source)! : source;
            var exit = 0;
            string? executedDir = null;
            var sourceDirs = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parse.GetValue(execute))
            {
                executedDir = Directory.CreateTempSubdirectory("course-render-").FullName;
                var reports = await TestCommand.RunAllAsync(notebooks, executedDir, parse.GetValue(timeout), Environment.ProcessorCount, cancellationToken);
                exit = TestCommand.PrintSummary(reports);
                // Figures stay beside the source notebooks, not the executed copies.
                for (var i = 0; i < reports.Count; i++)
                    if (reports[i].Output is { } output) sourceDirs[Path.GetFullPath(output)] = Path.GetDirectoryName(notebooks[i])!;
                notebooks = reports.Where(r => r.Output is not null && File.Exists(r.Output)).Select(r => r.Output!).ToList();
                // The executed copies keep their paths relative to the current folder; render relative to the same base as without --execute.
                var relativeBase = Path.GetRelativePath(Directory.GetCurrentDirectory(), baseDir);
                baseDir = relativeBase.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relativeBase)
                    ? executedDir
                    : Path.GetFullPath(Path.Combine(executedDir, relativeBase));
            }
            try
            {
                var plotly = PlotlyScript.Load(typeof(Plotly.NET.GenericChart).Assembly).Script;
                var mathJaxFile = parse.GetValue(mathJax);
                var pages = SiteRenderer.Render(notebooks, baseDir, Path.GetFullPath(parse.GetValue(outDir)!), plotly, mathJaxFile,
                    page => sourceDirs.GetValueOrDefault(Path.GetFullPath(page)) ?? Path.GetDirectoryName(Path.GetFullPath(page))!,
                    parse.GetValue(live) is { } host ? Path.GetFullPath(host) : null);
                Console.WriteLine($"rendered {pages.Count - 1} notebooks into {parse.GetValue(outDir)} (open index.html)");
            }
            catch (DirectoryNotFoundException e)
            {
                Console.Error.WriteLine($"course render: {e.Message}");
                return 2;
            }
            finally
            {
                if (executedDir is not null) Directory.Delete(executedDir, recursive: true);
            }
            return exit;
        });
        return command;
    }
}
