using System.Reflection;

namespace DeepNlp.Grading;

/// <summary>How to start a grading worker process: an executable and the arguments before <c>grade-worker</c>.</summary>
/// <param name="FileName">The executable (the <c>course</c> apphost, or <c>dotnet</c>).</param>
/// <param name="Arguments">Arguments placed before the worker subcommand (e.g. the path of <c>course.dll</c>).</param>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The running program itself: the apphost, or <c>dotnet</c> plus the entry assembly when run as <c>dotnet course.dll</c>.</summary>
    /// <exception cref="InvalidOperationException">The process path or entry assembly is unknown.</exception>
    public static WorkerCommand CurrentProcess()
    {
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell the path of the running program");
        if (!Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return new WorkerCommand(exe, []);
        string entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("cannot tell the entry assembly");
        return new WorkerCommand(exe, [entry]);
    }
}
