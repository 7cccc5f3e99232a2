using CodeCompleteness = DeepNlp.Engine.Execution.CodeCompleteness;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Display;
using DeepNlp.Engine.Execution;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Kernel.Execution;

/// <summary>Runs the kernel's cells in a <see cref="NotebookSession"/> of the kit's engine, and answers completion and
/// inspection from the session's current script state.</summary>
/// <remarks>Engine events become sink calls: <see cref="StreamText"/> a stream, <see cref="Displayed"/> a display,
/// <see cref="DisplayUpdated"/> an update, <see cref="CellResult"/> the result; a failed cell's
/// <see cref="CellOutcome"/> is returned as the session gives it (the server publishes its error). Console reads and <c>Kernel.GetInputAsync</c> ask the
/// sink of the running cell for input. Updates raised after a cell has finished (a display
/// handle kept by a background task) are sent with the latest cell as parent.</remarks>
public sealed class EngineCodeRunner : ICodeRunner
{
    private readonly NotebookSession session;
    private readonly CodeAssistant assistant;
    private volatile IExecutionSink? sink;

    /// <summary>Creates a runner with a new session.</summary>
    /// <param name="options">Session settings; the notebook folder defaults to the current directory, which Jupyter sets to the notebook's folder.</param>
    /// <param name="warmUp">Warm the compiler up in the background now (<see cref="NotebookSession.WarmUpAsync"/>), so the
    /// first real cell does not pay for loading and jitting Roslyn while the front end is still connecting.</param>
    public EngineCodeRunner(NotebookSessionOptions? options = null, bool warmUp = false)
    {
        session = new NotebookSession((options ?? new NotebookSessionOptions()) with { InputReader = ReadInput });
        session.EventRaised += Forward;
        assistant = new CodeAssistant(session);
        // The session runs one thing at a time, so a cell that arrives during the warm-up simply waits for it.
        if (warmUp) _ = Task.Run(WarmUpAsync);
    }

    /// <summary>The engine session (its state, packages and formatter).</summary>
    public NotebookSession Session => session;

    /// <inheritdoc/>
    public CellOutcome Execute(string code, IExecutionSink sink)
    {
        this.sink = sink;
        return session.ExecuteAsync(code).GetAwaiter().GetResult();
    }

    private string? ReadInput(string prompt, bool password, CancellationToken cancellationToken) =>
        (sink ?? throw new InvalidOperationException("input can only be read while a cell runs")).ReadInput(prompt, password, cancellationToken);

    private async Task WarmUpAsync()
    {
        try
        {
            await session.WarmUpAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The kernel shut down before the warm-up ran; there is nothing left to warm.
        }
    }

    /// <inheritdoc/>
    public CodeCompleteness IsComplete(string code) => session.IsComplete(code);

    /// <inheritdoc/>
    public CompletionSet Complete(string code, int cursor) => assistant.Complete(code, cursor);

    /// <inheritdoc/>
    public string? Inspect(string code, int cursor, int detailLevel) => assistant.Inspect(code, cursor, detailLevel);

    /// <inheritdoc/>
    public void Interrupt() => session.Interrupt();

    /// <summary>Detaches from the session and disposes it.</summary>
    public void Dispose()
    {
        session.EventRaised -= Forward;
        session.Dispose();
    }

    /// <summary>A MIME bundle as protocol <c>data</c>: text types as one string, JSON types as JSON values.</summary>
    /// <param name="bundle">The engine's bundle.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToData(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            data[mime] = MimeBundle.IsJsonMime(mime) ? JsonNode.Parse(value) : JsonValue.Create(value);
        return data;
    }

    private void Forward(ExecutionEvent e)
    {
        var target = sink;
        if (target is null) return;
        switch (e)
        {
            case StreamText s: target.Stream(s.Stream == StreamName.Stdout ? StreamName.Stdout : StreamName.Stderr, s.Text); break;
            case Displayed d: target.Display(ToData(d.Bundle), d.DisplayId); break;
            case DisplayUpdated u: target.UpdateDisplay(ToData(u.Bundle), u.DisplayId); break;
            case CellResult r: target.Result(ToData(r.Bundle)); break;
        }
    }
}
