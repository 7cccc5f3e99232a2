using System.Reflection;
using DeepNlp.Engine.Compilation;
using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Compilation;

/// <summary>The compile path on Roslyn's public API: a chain of script compilations, emitted to memory, loaded into the
/// session's load context and run through their factories.</summary>
public class SubmissionCompilerTests
{
    [Fact]
    public async Task Chain_BuiltFromLoadedAssembliesMetadata_RunsCellsThatSeeEarlierOnes()
    {
        using var session = new NotebookSession();
        var references = FrameworkReferences.FromLoadedAssemblies(
        [
            typeof(object).Assembly, Assembly.Load("System.Runtime"), typeof(Enumerable).Assembly,
            typeof(List<>).Assembly, Assembly.Load("System.Collections"), typeof(CellGlobals).Assembly,
        ]);
        var compiler = new SubmissionCompiler(["System", "System.Linq", "System.Collections.Generic"], Path.GetTempPath());
        var context = new SubmissionLoadContext();
        var chain = new SubmissionChain(new CellGlobals(session));

        var first = compiler.Create("var x = new List<int> { 1, 2 }.Sum();", "cell1.csx", null, references);
        var compiledFirst = SubmissionCompiler.EmitAndLoad(first, context, out var firstErrors, CancellationToken.None);
        await chain.Run(compiledFirst!);
        chain.Append(compiledFirst!);
        var second = compiler.Create("x * 21", "cell2.csx", chain.Last, []);
        var compiledSecond = SubmissionCompiler.EmitAndLoad(second, context, out var secondErrors, CancellationToken.None);
        var value = await chain.Run(compiledSecond!);

        Assert.Empty(firstErrors);
        Assert.Empty(secondErrors);
        Assert.False(second.Options.ConcurrentBuild);
        Assert.Equal(63, value);
        Assert.Same(context, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(compiledSecond!.Factory.Method.Module.Assembly));
    }

    [Fact]
    public async Task Execute_CellWithOnlyUsings_IsOk_AndLaterCellsSeeItsUsings()
    {
        using var session = new NotebookSession();

        var usings = await session.ExecuteAsync("using System.Text.RegularExpressions;");
        var later = await session.ExecuteAsync("Regex.IsMatch(\"abc\", \"b+\")");

        Assert.Equal(CellStatus.Ok, usings.Status);
        Assert.Equal("True", later.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public void Engine_ReadsNoNonPublicMemberOfRoslyn()
    {
        var engine = typeof(NotebookSession).Assembly;
        var source = Path.Combine(FindRepositoryRoot(), "src", "DeepNlp.Engine");

        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("BindingFlags.NonPublic", StringComparison.Ordinal)
                || text.Contains("_lazy", StringComparison.Ordinal) || text.Contains("GetExecutor", StringComparison.Ordinal)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Equal("DeepNlp.Engine", engine.GetName().Name);
        Assert.Empty(offenders);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
            if (File.Exists(Path.Combine(folder, "Course.sln"))) return folder;
        throw new InvalidOperationException("Course.sln not found above the test folder");
    }
}
