using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Xml;

namespace DeepNlp.Kernel.Execution;

/// <summary>Finds the XML documentation of framework members in the SDK's reference pack, by documentation id.</summary>
/// <remarks>The runtime folder is <c>DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION</c>; the docs are in
/// <c>DOTNET_ROOT/packs/Microsoft.NETCore.App.Ref/VERSION/ref/netX.Y</c> (present wherever the SDK is). Files are read
/// lazily, the likely one first (the assembly's own, System.Runtime.xml for CoreLib), and cached.</remarks>
internal static class FrameworkDocumentation
{
    private static readonly Lazy<string?> Folder = new(FindFolder);
    private static readonly ConcurrentDictionary<string, Dictionary<string, string>> Files = new(StringComparer.Ordinal);

    public static string? Find(string documentationId, string? assemblyName)
    {
        if (Folder.Value is not { } folder) return null;
        var candidates = new List<string>();
        if (assemblyName is not null) candidates.Add(Path.Combine(folder, assemblyName + ".xml"));
        candidates.Add(Path.Combine(folder, "System.Runtime.xml"));
        candidates.Add(Path.Combine(folder, "System.Linq.xml"));
        candidates.Add(Path.Combine(folder, "System.Collections.xml"));
        candidates.Add(Path.Combine(folder, "System.Console.xml"));
        foreach (var file in candidates.Distinct(StringComparer.Ordinal).Where(File.Exists))
            if (Members(file).TryGetValue(documentationId, out var xml)) return xml;
        return null;
    }

    private static Dictionary<string, string> Members(string file) => Files.GetOrAdd(file, static path =>
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            while (reader.ReadToFollowing("member"))
            {
                var name = reader.GetAttribute("name");
                var xml = reader.ReadOuterXml();
                if (name is not null) members.TryAdd(name, xml);
            }
        }
        catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
        {
            // A missing or unreadable doc file only means no documentation text.
        }
        return members;
    });

    private static string? FindFolder()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var version = Path.GetFileName(runtime);
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var packVersion = Directory.Exists(Path.Combine(packs, version))
            ? Path.Combine(packs, version)
            : Directory.GetDirectories(packs).OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).FirstOrDefault();
        if (packVersion is null) return null;
        var refFolder = Path.Combine(packVersion, "ref");
        return Directory.Exists(refFolder) ? Directory.GetDirectories(refFolder).OrderDescending(StringComparer.Ordinal).FirstOrDefault() : null;
    }
}
