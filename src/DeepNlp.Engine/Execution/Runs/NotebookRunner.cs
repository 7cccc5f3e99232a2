using System.Diagnostics;
using DeepNlp.Engine.Notebooks;

namespace DeepNlp.Engine.Execution;

/// <summary>Executes a notebook's code cells in order in a fresh <see cref="NotebookSession"/> and stores their outputs.</summary>
/// <remarks>
/// Outputs take nbformat's shapes: stream text (consecutive writes to one stream merged), display_data, execute_result
/// and error. A display update rewrites the earlier display_data with the same id, wherever it is, as nbclient does.
/// Each executed code cell's metadata gets nbclient's timing record (<see cref="ExecutionTiming"/>). Markdown and raw cells are skipped. The source notebook object is modified in place; callers that must not touch the
/// file on disk save it elsewhere (<c>course run --out</c>).
/// </remarks>
public static class NotebookRunner
{
    /// <summary>Runs <paramref name="notebook"/>.</summary>
    /// <param name="notebook">The notebook; its outputs are replaced.</param>
    /// <param name="options">Timeout, error policy, folder and progress callback.</param>
    /// <param name="cancellationToken">Stops the running cell and the run.</param>
    /// <returns>Outcomes and failures; exceptions in cells are reported there, not thrown.</returns>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var directory = options.NotebookDirectory
            ?? (notebook.Path is { } p ? Path.GetDirectoryName(p) : null)
            ?? Directory.GetCurrentDirectory();
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = directory, CellTimeout = options.CellTimeout });
        var displays = new Dictionary<string, (NotebookCell Cell, int Index)>(StringComparer.Ordinal);
        NotebookCell? running = null;
        var sync = new object();
        session.EventRaised += e =>
        {
            lock (sync) Store(e, running, displays);
        };

        notebook.ClearOutputs();
        var outcomes = new Dictionary<int, CellOutcome>();
        var failures = new List<CellFailure>();
        var skipped = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code) continue;
            if ((failures.Count > 0 && !options.ContinueOnError) || cancellationToken.IsCancellationRequested)
            {
                skipped++;
                continue;
            }
            lock (sync) running = cell;
            var started = DateTimeOffset.UtcNow;
            var outcome = await session.ExecuteAsync(cell.Source, cancellationToken).ConfigureAwait(false);
            lock (sync)
            {
                running = null;
                cell.ExecutionCount = outcome.ExecutionCount;
                cell.Metadata[ExecutionTiming.Key] = ExecutionTiming.Create(started, DateTimeOffset.UtcNow);
            }
            outcomes[i] = outcome;
            if (outcome.Error is { } error) failures.Add(new CellFailure(i + 1, cell.Id, outcome.ExecutionCount, outcome.Status, error));
            options.CellCompleted?.Invoke(i, outcome);
            if (!outcome.StateRecovered) options = options with { ContinueOnError = false };
        }
        return new NotebookRunResult(notebook, outcomes, failures, clock.Elapsed, skipped);
    }

    private static void Store(ExecutionEvent e, NotebookCell? cell, Dictionary<string, (NotebookCell Cell, int Index)> displays)
    {
        if (e is DisplayUpdated update)
        {
            if (displays.TryGetValue(update.DisplayId, out var at) && at.Cell.Outputs[at.Index] is DisplayDataOutput old)
                at.Cell.Outputs[at.Index] = old with { Data = update.Bundle };
            return;
        }
        // Output arriving between cells (a background thread of an earlier cell) has no cell to go to.
        if (cell is null) return;
        switch (e)
        {
            case StreamText text:
                var name = text.Stream == StreamName.Stdout ? "stdout" : "stderr";
                if (cell.Outputs.Count > 0 && cell.Outputs[^1] is StreamOutput last && last.Name == name)
                    cell.Outputs[^1] = last with { Text = last.Text + text.Text };
                else cell.Outputs.Add(new StreamOutput(name, text.Text));
                break;
            case Displayed shown:
                displays[shown.DisplayId] = (cell, cell.Outputs.Count);
                cell.Outputs.Add(new DisplayDataOutput(shown.Bundle, shown.DisplayId));
                break;
            case CellResult result:
                cell.Outputs.Add(new ExecuteResultOutput(result.ExecutionCount, result.Bundle));
                break;
            case CellFailed failed:
                cell.Outputs.Add(new ErrorOutput(failed.Error.Name, failed.Error.Message, failed.Error.Traceback));
                break;
        }
    }
}
