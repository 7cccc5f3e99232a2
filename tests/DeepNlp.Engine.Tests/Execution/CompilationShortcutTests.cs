using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DeepNlp.Engine.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>The assumptions behind the engine's per-cell shortcuts hold for the pinned Roslyn: cells compile
/// sequentially and without a pass for warnings, and a PDB emitted after the fact describes the IL that ran.</summary>
public class CompilationShortcutTests
{
    [Fact]
    public async Task Cells_WithWarningsRun_AndErrorsAreReportedWithoutThem()
    {
        using var session = new NotebookSession();

        // CS0219 (assigned but never used) inside a local function, CS1998 (async without await): warnings only.
        var warned = await session.ExecuteAsync("void F() { int unused = 1; }\nasync Task<int> G() => 1;\nawait G()");
        var failed = await session.ExecuteAsync("void H() { int unused = 1; }\nint broken = \"text\";");

        Assert.True(warned.Succeeded, warned.Error?.Message);
        Assert.Equal("1", warned.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(CellStatus.CompileError, failed.Status);
        Assert.Contains("CS0029", failed.Error!.Message);
        Assert.DoesNotContain("CS0219", failed.Error.Message);
    }

    [Fact]
    public async Task Cells_CompileWithoutConcurrentBuild_AndLaterCellsStillSeeEarlierOnes()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var a = 20;");

        var compilation = session.GetCompilation("a + 1");
        var outcome = await session.ExecuteAsync("a + 22");

        Assert.False(compilation.ScriptCompilationInfo!.PreviousScriptCompilation!.Options.ConcurrentBuild);
        Assert.Equal("42", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public void Roslyn_EmitsTheSameIL_WithAndWithoutAPdb()
    {
        const string code = """
            record Point(int X, int Y);
            class Acc { public int Sum; public IEnumerable<int> Evens(int n) { for (var i = 0; i < n; i++) if (i % 2 == 0) yield return i; } }
            var xs = Enumerable.Range(0, 100).Select(i => i * i).Where(i => i % 3 == 0).ToList();
            await Task.Delay(1);
            int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
            var acc = new Acc();
            foreach (var e in acc.Evens(10)) { acc.Sum += e; }
            try { if (acc.Sum > 5) throw new InvalidOperationException("x"); } catch (InvalidOperationException ex) when (ex.Message == "x") { acc.Sum = -1; } finally { acc.Sum++; }
            var s = new Point(1, 2) switch { { X: 1 } => "one", _ => "other" };
            var (a, b) = (Fib(10), $"{s}-{xs.Count}");
            Func<int, Task<int>> g = async n => { await Task.Yield(); return n + 1; };
            var r = await g(a);
            checked { r += 1; }
            r
            """;
        var references = Directory.GetFiles(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "System.*.dll")
            .Append(typeof(object).Assembly.Location)
            .Where(IsManaged).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script),
            path: "cell1.csx", encoding: System.Text.Encoding.UTF8);
        var compilation = CSharpCompilation.CreateScriptCompilation("cell", tree, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                usings: NotebookSession.DefaultUsings), returnType: typeof(object));

        Assert.Equal(MethodBodies(compilation, pdb: false), MethodBodies(compilation, pdb: true));
    }

    private static List<byte[]> MethodBodies(CSharpCompilation compilation, bool pdb)
    {
        var pe = new MemoryStream();
        var result = compilation.Emit(pe, pdb ? new MemoryStream() : null,
            options: pdb ? new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb) : null);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        pe.Position = 0;
        using var reader = new PEReader(pe);
        var metadata = reader.GetMetadataReader();
        return metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).Where(m => m.RelativeVirtualAddress != 0)
            .Select(m => reader.GetMethodBody(m.RelativeVirtualAddress).GetILBytes()!).ToList();
    }

    private static bool IsManaged(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.HasMetadata;
    }
}
