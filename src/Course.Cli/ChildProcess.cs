using System.Diagnostics;

namespace Course.Cli;

/// <summary>How to start this same `course` program as a child process (script assemblies never unload, so each notebook gets its
/// own); run it with DeepNlp.Engine.Processes.ProcessRunner.</summary>
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
}
