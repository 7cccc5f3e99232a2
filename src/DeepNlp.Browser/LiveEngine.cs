using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeepNlp.Engine.Execution;

namespace DeepNlp.Browser;

/// <summary>The notebook engine as the live site's Web Worker sees it: one session, cells in, events out as JSON.</summary>
/// <remarks>Everything about cells (directives, the submission chain, display, errors with cell line numbers) is the
/// engine's own <see cref="NotebookSession"/>; this class only moves strings across the JavaScript boundary. Events go
/// out as they happen through <c>deepnlp.event</c> (the worker posts each to the page), so output streams while a cell
/// runs; a cell that never returns is stopped by the page ending the worker.</remarks>
[SupportedOSPlatform("browser")]
public static partial class LiveEngine
{
    private static NotebookSession? _session;

    /// <summary>Starts the session. Cells resolve <c>#r "../artifacts/lib/X.dll"</c> against <c>/live/notebooks</c>.</summary>
    /// <remarks>Data sets resolve against <c>/live/datasets</c>, where the worker writes each data-set file a cell needs
    /// before that cell runs (fetched from the site's <c>data/</c> folder on first use).</remarks>
    [JSExport]
    public static void Start()
    {
        LazyFramework.Install();
        Directory.CreateDirectory(NotebookFolder);
        Directory.CreateDirectory(DatasetFolder);
        Environment.SetEnvironmentVariable(DeepNlp.Data.DatasetCatalog.EnvironmentVariable, DatasetFolder);
        // The next cell's submission is bound ahead at once (PrepareDelay zero), not after the native 10 ms: on the
        // worker's single thread that work runs only once this cell's answer has been posted, so it cannot delay it, and
        // the page's next Run finds it done instead of binding its references itself.
        _session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = NotebookFolder, PrepareDelay = TimeSpan.Zero });
        _session.EventRaised += e => Post(JsonSerializer.Serialize(Describe(e), LiveJson.Default.LiveEvent));
    }

    /// <summary>Where notebooks live in the worker's in-memory file system.</summary>
    private const string NotebookFolder = "/live/notebooks";

    /// <summary>Where the worker puts the data-set files (<c>/live/datasets/tinyshakespeare/input.txt</c> …).</summary>
    private const string DatasetFolder = "/live/datasets";

    /// <summary>A cell that imports ILGPU: GPU kernels (and ILGPU's CPU accelerator, which needs threads and run-time code
    /// generation) cannot run on single-threaded WebAssembly, so such a cell says so instead of failing to compile.</summary>
    [GeneratedRegex(@"^\s*(using\s+(static\s+)?ILGPU\b|#r\s+""[^""]*ILGPU[^""]*"")", RegexOptions.Multiline)]
    private static partial Regex NeedsLocalKernel();

    /// <summary>What a cell that needs a local kernel prints in the browser.</summary>
    internal const string LocalKernelMessage =
        "This cell needs a local kernel: it uses ILGPU (GPU kernels and ILGPU's CPU accelerator), which cannot run in the "
        + "browser's single-threaded WebAssembly engine. It was not run here; run the notebook in Jupyter or with "
        + "`course run` to see its output (the page shows the native run's output where the site was rendered from executed notebooks).\n";

    /// <summary>Writes a file into the in-memory file system, relative to the notebook folder (<c>../artifacts/lib/DeepNlp.dll</c>).</summary>
    [JSExport]
    public static void WriteFile(string relativePath, byte[] bytes)
    {
        var path = Path.GetFullPath(Path.Combine(NotebookFolder, relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Adds the sibling dependencies written beside the assemblies the cells' <c>#r</c> named since (the chart
    /// stack, which the worker writes only when a cell first names charts); returns how many references it added.</summary>
    [JSExport]
    public static int AddNewSiblingReferences() => Session.AddNewSiblingReferences();

    /// <summary>Compiles the engine's warm-up submission, so the first cell does not pay for Roslyn's start-up.</summary>
    [JSExport]
    public static Task WarmUp() => Session.WarmUpAsync();

    /// <summary>Runs one cell; its events have been posted by the time the returned JSON (status, error) arrives.</summary>
    /// <remarks>A cell that imports ILGPU is not compiled: it prints <see cref="LocalKernelMessage"/> and ends with status
    /// <c>NeedsLocalKernel</c> (no execution count), and the session's state is unchanged.</remarks>
    [JSExport]
    public static async Task<string> Run(string code)
    {
        if (NeedsLocalKernel().IsMatch(code))
        {
            Post(JsonSerializer.Serialize(new LiveEvent("stream", Session.ExecutionCount) { Name = "stderr", Text = LocalKernelMessage }, LiveJson.Default.LiveEvent));
            return JsonSerializer.Serialize(new LiveOutcome(Session.ExecutionCount, "NeedsLocalKernel", 0), LiveJson.Default.LiveOutcome);
        }
        var outcome = await Session.ExecuteAsync(code);
        var phases = Session.LastPhases is { } p
            ? new LivePhases(p.Directives, p.Parse, p.Compile, p.Emit, p.Load, p.Inspect, p.Run, p.Display)
            : null;
        return JsonSerializer.Serialize(new LiveOutcome(outcome.ExecutionCount, outcome.Status.ToString(), outcome.Elapsed.TotalMilliseconds)
            { Phases = phases }, LiveJson.Default.LiveOutcome);
    }

    private static NotebookSession Session => _session ?? throw new InvalidOperationException("LiveEngine.Start was not called");

    [JSImport("event", "deepnlp")]
    private static partial void Post(string json);

    private static LiveEvent Describe(ExecutionEvent e) => e switch
    {
        StreamText s => new LiveEvent("stream", s.ExecutionCount) { Name = s.Stream.ToString().ToLowerInvariant(), Text = s.Text },
        Displayed d => new LiveEvent("display", d.ExecutionCount) { Data = d.Bundle.ToDictionary(), DisplayId = d.DisplayId },
        DisplayUpdated u => new LiveEvent("update", u.ExecutionCount) { Data = u.Bundle.ToDictionary(), DisplayId = u.DisplayId },
        CellResult r => new LiveEvent("result", r.ExecutionCount) { Data = r.Bundle.ToDictionary() },
        CellFailed f => new LiveEvent("error", f.ExecutionCount)
        {
            Name = f.Error.Name, Text = f.Error.Message, Traceback = [.. f.Error.Traceback], Line = f.Error.Line,
        },
        _ => new LiveEvent("other", e.ExecutionCount) { Text = e.ToString() },
    };
}
