using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text.Json;
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
    [JSExport]
    public static void Start()
    {
        Directory.CreateDirectory(NotebookFolder);
        _session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = NotebookFolder });
        _session.EventRaised += e => Post(JsonSerializer.Serialize(Describe(e), LiveJson.Default.LiveEvent));
    }

    /// <summary>Where notebooks live in the worker's in-memory file system.</summary>
    private const string NotebookFolder = "/live/notebooks";

    /// <summary>Writes a file into the in-memory file system, relative to the notebook folder (<c>../artifacts/lib/DeepNlp.dll</c>).</summary>
    [JSExport]
    public static void WriteFile(string relativePath, byte[] bytes)
    {
        var path = Path.GetFullPath(Path.Combine(NotebookFolder, relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Compiles the engine's warm-up submission, so the first cell does not pay for Roslyn's start-up.</summary>
    [JSExport]
    public static Task WarmUp() => Session.WarmUpAsync();

    /// <summary>Runs one cell; its events have been posted by the time the returned JSON (status, error) arrives.</summary>
    [JSExport]
    public static async Task<string> Run(string code)
    {
        var outcome = await Session.ExecuteAsync(code);
        return JsonSerializer.Serialize(new LiveOutcome(outcome.ExecutionCount, outcome.Status.ToString(), outcome.Elapsed.TotalMilliseconds),
            LiveJson.Default.LiveOutcome);
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
