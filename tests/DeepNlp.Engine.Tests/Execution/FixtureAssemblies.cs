using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>Compiles two tiny assemblies into one folder: Fixture.A.dll, which references Fixture.B.dll.</summary>
internal static class FixtureAssemblies
{
    public static void BuildPair(string folder)
    {
        Directory.CreateDirectory(folder);
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToList();
        var b = Emit(folder, "Fixture.B", "namespace Fixture.B { public record Point(int X, int Y) { public int Sum => X + Y; } }", framework);
        Emit(folder, "Fixture.A", "namespace Fixture.A { public static class Maker { public static Fixture.B.Point Make() => new(2, 3); } }",
            [.. framework, MetadataReference.CreateFromFile(b)]);
    }

    /// <summary>Compiles one assembly named <paramref name="name"/> from <paramref name="code"/> into <paramref name="folder"/>,
    /// against the framework and the assembly files <paramref name="references"/>.</summary>
    public static string BuildOne(string folder, string name, string code, params string[] references)
    {
        Directory.CreateDirectory(folder);
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        return Emit(folder, name, code, [.. framework, .. references.Select(r => MetadataReference.CreateFromFile(r))]);
    }

    private static string Emit(string folder, string name, string code, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var path = Path.Combine(folder, name + ".dll");
        var result = compilation.Emit(path);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        return path;
    }
}
