using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Course.Cli.Tests;

/// <summary>Runs the real `course` program (course.dll beside the tests) in a child process.</summary>
internal static class CourseProcess
{
    public static (int Exit, string Output) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs `course` with extra environment variables.</summary>
    public static (int Exit, string Output) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "course.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Writes a notebook whose code cells are <paramref name="cells"/> (a markdown cell first).</summary>
    public static string WriteNotebook(string path, params string[] cells)
    {
        var array = new JsonArray { new JsonObject { ["cell_type"] = "markdown", ["id"] = "md", ["metadata"] = new JsonObject(), ["source"] = "# " + Path.GetFileNameWithoutExtension(path) } };
        for (var i = 0; i < cells.Length; i++)
            array.Add(new JsonObject
            {
                ["cell_type"] = "code", ["id"] = $"c{i}", ["execution_count"] = null, ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = cells[i],
            });
        var notebook = new JsonObject { ["cells"] = array, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
