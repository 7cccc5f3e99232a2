using System.Diagnostics;

namespace DeepNlp.Engine.Processes;

/// <summary>Runs a child process to completion and collects what it wrote: the one loop behind the engine's
/// <c>dotnet restore</c> for <c>#r "nuget:"</c> and <c>course test</c>'s one process per notebook.</summary>
public static class ProcessRunner
{
    /// <summary>Starts <paramref name="start"/>, reads stdout and stderr while it runs, and waits for it to exit.</summary>
    /// <param name="start">What to run; it must redirect standard output and standard error.</param>
    /// <param name="cancellationToken">Kills the process and its children, then throws.</param>
    /// <returns>The exit code, and stdout followed by stderr.</returns>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The program was not found or cannot be run.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the process was killed).</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        // Both pipes are drained while the process runs: a child that fills one pipe would otherwise block forever.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
