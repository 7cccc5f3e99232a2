using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeepNlp.Kernel.Spec;

namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary>Notebooks executed by <c>jupyter nbconvert --execute</c> (nbclient) through the installed kernel.</summary>
/// <remarks>The welcome notebook and two lectures (charts; live training progress) always run. More come from
/// <c>DEEPNLP_NBCONVERT</c>: notebook paths relative to <c>notebooks/</c> separated by ';', or
/// <c>all</c> for every lecture notebook (the slower optional run).</remarks>
[Collection(KernelProcesses.Name)]
public sealed class NbconvertTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("deepnlp-nbconvert-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    /// <summary>Run in every test run: one lecture drawing charts (05) and one with live training progress and charts (06).</summary>
    private static readonly string[] DefaultLectures = ["05_backpropagation_through_time.ipynb", "06_vanishing_exploding_gradients.ipynb"];

    public static TheoryData<string> Notebooks()
    {
        var folder = Path.Combine(CourseCli.RepositoryRoot, "notebooks");
        var chosen = Environment.GetEnvironmentVariable("DEEPNLP_NBCONVERT") ?? "";
        var names = chosen.Trim() == "all"
            ? Directory.EnumerateFiles(folder, "*.ipynb").Select(Path.GetFileName).OfType<string>()
            : ["00_welcome.ipynb", .. DefaultLectures, .. chosen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var data = new TheoryData<string>();
        foreach (var name in names.Distinct().Order(StringComparer.Ordinal)) data.Add(name);
        return data;
    }

    private (JsonObject Executed, string Output) Execute(string notebook)
    {
        var prefix = JupyterClientTests.InstallIntoPrefix(temp);
        var (code, output, _) = CourseCli.Run(CourseCli.Python!,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute",
            $"--ExecutePreprocessor.kernel_name={KernelSpec.DefaultName}", "--ExecutePreprocessor.timeout=900",
            "--output-dir", temp, "--output", "executed", notebook,
        ], Path.GetDirectoryName(notebook)!, JupyterClientTests.JupyterEnvironment(temp, prefix), TimeSpan.FromMinutes(15));
        Assert.True(code == 0, output);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(temp, "executed.ipynb")))!.AsObject(), output);
    }

    private static IEnumerable<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => c["cell_type"]!.GetValue<string>() == "code");

    private static IEnumerable<JsonObject> Outputs(JsonObject notebook) =>
        CodeCells(notebook).SelectMany(c => c["outputs"]!.AsArray().Select(o => o!.AsObject()));

    private static string Joined(JsonNode? text) =>
        text is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : text?.GetValue<string>() ?? "";

    [JupyterTheory]
    [MemberData(nameof(Notebooks))]
    public void Nbconvert_ExecutesNotebook_WithoutErrorsAndLeavesTheSourceUntouched(string name)
    {
        var notebook = Path.Combine(CourseCli.RepositoryRoot, "notebooks", name);
        var before = SHA256.HashData(File.ReadAllBytes(notebook));

        var (executed, output) = Execute(notebook);

        var errors = Outputs(executed).Where(o => o["output_type"]!.GetValue<string>() == "error").ToList();
        Assert.True(errors.Count == 0, $"{name}: {string.Join("\n", errors.Select(e => e.ToJsonString()))}\n{output}");
        var counts = CodeCells(executed).Where(c => Joined(c["source"]).Trim().Length > 0).Select(c => c["execution_count"]?.GetValue<int>()).ToList();
        Assert.All(counts, c => Assert.NotNull(c));
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(notebook)));
        if (name == "00_welcome.ipynb") AssertWelcomeOutputs(executed);
        else Assert.Contains(Outputs(executed), o => o["data"]?["application/vnd.plotly.v1+json"] is not null);
    }

    /// <summary>The welcome notebook (one nbconvert run serves both checks): its chart, its runtime line, and the last progress update.</summary>
    private static void AssertWelcomeOutputs(JsonObject executed)
    {
        var outputs = Outputs(executed).ToList();
        var chart = Assert.Single(outputs, o => o["data"]?["application/vnd.plotly.v1+json"] is not null);
        Assert.Equal("execute_result", chart["output_type"]!.GetValue<string>());
        Assert.Contains("<div", Joined(chart["data"]!["text/html"]));
        // nbclient applies update_display_data to the stored display, so the notebook keeps the last update.
        var progress = outputs.Where(o => o["output_type"]!.GetValue<string>() == "display_data").Select(o => Joined(o["data"]!["text/plain"])).ToList();
        Assert.Contains(progress, p => p.Contains("done: your setup is ready", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o["output_type"]!.GetValue<string>() == "stream" && Joined(o["text"]).Contains("Runtime : .NET 10", StringComparison.Ordinal));
    }
}
