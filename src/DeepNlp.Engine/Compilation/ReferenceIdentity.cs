using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Engine.Compilation;

/// <summary>The assembly identity behind a metadata reference, so that a session references each assembly once, and the
/// assemblies it depends on, so that the session can tell when a new reference changes how an earlier one binds.</summary>
/// <remarks>
/// <para>One assembly can reach a session by two roads: as a file (<c>#r "../artifacts/lib/DeepNlp.dll"</c> and its
/// siblings) and as the metadata of the loaded assembly (<see cref="FrameworkReferences.FromLoadedAssemblies"/>, which in a
/// browser makes the fallback set from every loaded assembly, the kit and its chart stack included). The session keeps the
/// one it has: earlier submissions are compiled against it, and the runtime binds both to the one loaded assembly anyway.</para>
/// <para>Roslyn accepts two references with one identity, so this is not what broke lecture 06 in the browser (that was a
/// dependency arriving late, see <see cref="Supplies"/>); it keeps each compilation's reference list to one entry per
/// assembly, which is what a reader of the list expects, and it keeps the browser's fall-back from adding the kit and its
/// chart stack (eight assemblies, already referenced as files) a second time to every later submission's binding.</para>
/// </remarks>
internal static class ReferenceIdentity
{
    private static readonly ConditionalWeakTable<MetadataReference, string> Names = new();
    private static readonly ConditionalWeakTable<MetadataReference, string[]> Dependencies = new();

    /// <summary>The assembly's full name (name, version, culture, public key), or null for a reference that is not an
    /// assembly's metadata (a module, an unreadable file).</summary>
    public static string? Of(MetadataReference reference)
    {
        if (Names.TryGetValue(reference, out var known)) return known;
        if (reference is not PortableExecutableReference pe) return null;
        try
        {
            if (pe.GetMetadata() is not AssemblyMetadata assembly) return null;
            var reader = assembly.GetModules()[0].GetMetadataReader();
            if (!reader.IsAssembly) return null;
            var name = reader.GetAssemblyDefinition().GetAssemblyName().FullName;
            Names.AddOrUpdate(reference, name);
            return name;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException)
        {
            // Left to the compiler, which reports it against the reference as usual.
            return null;
        }
    }

    /// <summary>Whether adding <paramref name="added"/> can change how Roslyn binds an assembly of <paramref name="present"/>:
    /// true when an assembly of <paramref name="present"/> references one named as an assembly of <paramref name="added"/>
    /// (a dependency it lacked, which Roslyn bound as missing). See <c>SubmissionCompiler.Recompile</c>.</summary>
    public static bool Supplies(IEnumerable<MetadataReference> added, IEnumerable<MetadataReference> present)
    {
        var names = SimpleNames(added);
        return names.Count > 0 && present.Any(reference => ReferencedNames(reference).Any(names.Contains));
    }

    /// <summary>The simple names of the assemblies the assembly behind <paramref name="reference"/> references (none for a
    /// reference that is not an assembly's metadata).</summary>
    private static string[] ReferencedNames(MetadataReference reference)
    {
        if (Dependencies.TryGetValue(reference, out var known)) return known;
        string[] names = [];
        if (Of(reference) is not null && reference is PortableExecutableReference pe && pe.GetMetadata() is AssemblyMetadata assembly)
        {
            var reader = assembly.GetModules()[0].GetMetadataReader();
            names = [.. reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name))];
        }
        Dependencies.AddOrUpdate(reference, names);
        return names;
    }

    /// <summary>The simple names of the assemblies <paramref name="references"/> refer to.</summary>
    public static HashSet<string> SimpleNames(IEnumerable<MetadataReference> references)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in references)
            if (Of(reference) is { } name) names.Add(new System.Reflection.AssemblyName(name).Name!);
        return names;
    }

    /// <summary>The references of <paramref name="candidates"/>, in order, less those whose assembly is already in
    /// <paramref name="present"/> or earlier in <paramref name="candidates"/>.</summary>
    public static IReadOnlyList<MetadataReference> Except(IEnumerable<MetadataReference> candidates, IEnumerable<MetadataReference> present)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in present)
            if (Of(reference) is { } name) seen.Add(name);
        var result = new List<MetadataReference>();
        foreach (var reference in candidates)
            if (Of(reference) is not { } name || seen.Add(name)) result.Add(reference);
        return result;
    }
}
