using System.CommandLine;
using Course.Cli;

namespace DeepNlp.Grading.Tests;

/// <summary>Lets the test assembly act as `course` for the grading commands: `dotnet DeepNlp.Grading.Tests.dll grade ...`
/// and the grade-worker processes the grader starts. The test runner never calls Main.</summary>
public static class TestHost
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("grading test host");
        foreach (var c in GradingCommands.Create()) root.Subcommands.Add(c);
        return await root.Parse(args).InvokeAsync();
    }
}
