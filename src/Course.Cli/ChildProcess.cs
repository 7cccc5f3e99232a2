using System.Diagnostics;

namespace Course.Cli;

/// <summary>Starts this same `course` program as a child process (script assemblies never unload, so each notebook gets its own).</summary>
internal static class ChildProcess
{
    public static ProcessStartInfo Course(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Under `dotnet course.dll` the process is the dotnet host: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>Runs to completion; returns the exit code and the combined output.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
