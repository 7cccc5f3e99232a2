using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DeepNlp.Engine.Packages;

/// <summary>Finds, for an assembly given by path, the assemblies it references (transitively) that sit in its folder.</summary>
/// <remarks>
/// This is what lets one <c>#r "../artifacts/lib/DeepNlp.dll"</c> give cells Plotly.NET, MathNet and ILGPU types too: the
/// library's dependencies are laid beside it, so they become metadata references as well.
/// </remarks>
internal static class AssemblyFolder
{
    /// <summary>The assembly itself followed by its same-folder dependency closure.</summary>
    public static IReadOnlyList<string> WithSiblingDependencies(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>();
        queue.Enqueue(path);
        seen.Add(Path.GetFileNameWithoutExtension(path));
        // The deps.json the SDK writes beside a library lists every runtime assembly of its packages, including ones
        // its IL does not reference yet (the compiler drops unused references).
        foreach (var name in DepsJsonAssemblies(Path.ChangeExtension(path, ".deps.json")))
        {
            var candidate = Path.Combine(folder, name + ".dll");
            if (File.Exists(candidate) && seen.Add(name)) queue.Enqueue(candidate);
        }
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            result.Add(current);
            foreach (var name in ReferencedNames(current))
            {
                if (!seen.Add(name)) continue;
                var candidate = Path.Combine(folder, name + ".dll");
                if (File.Exists(candidate)) queue.Enqueue(candidate);
            }
        }
        return result;
    }

    /// <summary>An assembly with the same name as the file at <paramref name="path"/> that this process has already loaded
    /// from a different build (another module version id), or null. Such a file only changes what cells compile against:
    /// the runtime binds to the loaded one.</summary>
    public static System.Reflection.Assembly? LoadedDifferentBuild(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        // A package's copy of a framework assembly (System.Numerics.Tensors) loses to the shared framework's newer one by
        // design: not worth a warning.
        var framework = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase)
                && System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a) == System.Runtime.Loader.AssemblyLoadContext.Default
                && !string.IsNullOrEmpty(a.Location) && !Path.GetFullPath(a.Location).StartsWith(framework, StringComparison.Ordinal))
            .ToList();
        if (loaded.Count == 0) return null;
        Guid mvid;
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return null;
            var reader = pe.GetMetadataReader();
            mvid = reader.GetGuid(reader.GetModuleDefinition().Mvid);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
        return loaded.FirstOrDefault(a => a.ManifestModule.ModuleVersionId != mvid);
    }

    private static IEnumerable<string> DepsJsonAssemblies(string depsJson)
    {
        if (!File.Exists(depsJson)) return [];
        try
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(depsJson));
            if (root?["targets"] is not System.Text.Json.Nodes.JsonObject targets) return [];
            return targets.SelectMany(t => (t.Value as System.Text.Json.Nodes.JsonObject) ?? [])
                .SelectMany(library => (library.Value?["runtime"] as System.Text.Json.Nodes.JsonObject) ?? [])
                .Select(asset => Path.GetFileNameWithoutExtension(asset.Key))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>The simple names of the assemblies the assembly file at <paramref name="path"/> references.</summary>
    public static IEnumerable<string> ReferencedNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return [];
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }
}
