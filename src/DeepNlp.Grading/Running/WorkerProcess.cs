using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeepNlp.Grading.Running;

/// <summary>Starts one grading worker with its limits and waits for it.</summary>
/// <remarks>
/// Limits: the wall time (the whole process tree is killed), the GC heap (DOTNET_GCHeapHardLimit, so a huge allocation
/// throws OutOfMemoryException inside the student's code instead of taking the machine down), and console output (the
/// worker caps it, and the parent keeps only the last few kilobytes it reads, for diagnostics; it never parses it).
/// Where bubblewrap is usable, the worker runs inside it (<see cref="Sandbox"/>).
/// </remarks>
internal static class WorkerProcess
{
    public sealed record Exit(int? Code, bool TimedOut, string OutputTail);

    public static async Task<Exit> RunAsync(WorkerCommand command, GradeJob job, string workDir, GradingOptions options,
        string? datasets, IReadOnlyList<string> hidden, IReadOnlyList<string> needed, CancellationToken cancellationToken)
    {
        var (fileName, arguments, _) = options.Sandbox
            ? Sandbox.Wrap(command, Path.GetDirectoryName(workDir)!, hidden, needed)
            : (command.FileName, [.. command.Arguments], false);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.ArgumentList.Add(GradeWorker.CommandName);
        start.Environment["DEEPNLP_GRADING"] = "1";
        start.Environment["DOTNET_GCHeapHardLimit"] = options.MemoryLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        if (datasets is not null) start.Environment["DEEPNLP_DATASETS"] = datasets;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command.FileName}");
        var tail = new Tail(8192);
        var drainOut = Drain(process.StandardOutput, tail);
        var drainErr = Drain(process.StandardError, tail);
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(job).AsMemory(), cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.WallTimeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        await Task.WhenAll(drainOut, drainErr).ConfigureAwait(false);
        return new Exit(process.ExitCode, timedOut, tail.ToString());
    }

    private static async Task Drain(StreamReader reader, Tail tail)
    {
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0) tail.Add(buffer.AsSpan(0, n));
    }

    /// <summary>Keeps the last characters of the worker's output, however much it prints.</summary>
    private sealed class Tail(int capacity)
    {
        private readonly StringBuilder _text = new();

        public void Add(ReadOnlySpan<char> chunk)
        {
            lock (_text)
            {
                _text.Append(chunk);
                if (_text.Length > 2 * capacity) _text.Remove(0, _text.Length - capacity);
            }
        }

        public override string ToString()
        {
            lock (_text) return _text.Length <= capacity ? _text.ToString() : _text.ToString(_text.Length - capacity, capacity);
        }
    }
}
