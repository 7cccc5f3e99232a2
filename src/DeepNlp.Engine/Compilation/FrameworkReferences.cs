using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Compilation;

/// <summary>The framework assemblies cells compile against, read once per process and shared by every session.</summary>
/// <remarks>
/// <para>All of them: every public <c>System.*</c> assembly of the running shared framework, plus <c>netstandard</c>,
/// <c>mscorlib</c>, <c>System.Private.CoreLib</c> and the engine (for <see cref="CellGlobals"/>).</para>
/// <para>Roslyn binds every reference again for every submission, and with all ~160 framework assemblies that binding
/// (and the PDB's list of references) is more than half of a trivial cell's compile time. So a session starts with the
/// <see cref="Core"/> set: every assembly that defines a public type in a namespace the cells import by default
/// (<see cref="NotebookSession.DefaultUsings"/>: simple names and extension methods resolve exactly as with all of them),
/// plus the ones the lectures use most. A cell that does not compile against it is compiled again against all of them;
/// if that succeeds, the session keeps all of them from then on (what a <c>#r</c> does). Only a program that is an error
/// with every framework assembly (a name made ambiguous by an extra <c>using</c>) can compile against the core set.</para>
/// <para>Where assemblies have no files (<c>Assembly.Location</c> is empty, as under WebAssembly), the references are
/// made from the metadata of the assemblies loaded in memory instead (<see cref="FromLoadedAssemblies"/>).</para>
/// </remarks>
internal static class FrameworkReferences
{
    /// <summary>File names (without .dll) of the core set, besides the engine. Missing ones are skipped.</summary>
    private static readonly HashSet<string> CoreNames = new(StringComparer.OrdinalIgnoreCase)
    {
        // Forwarding facades every library compiled against the reference assemblies needs.
        "System.Private.CoreLib", "System.Runtime", "netstandard", "mscorlib",
        // Implements System.Uri (System.Runtime only forwards it).
        "System.Private.Uri",
        // The runtime binder behind `dynamic`.
        "Microsoft.CSharp",
        // Assemblies that define public types in the default usings' namespaces (System, System.IO,
        // System.Collections.Generic, System.Linq, System.Net.Http, System.Text, System.Threading, System.Threading.Tasks).
        "System.Collections", "System.Collections.Immutable", "System.ComponentModel", "System.ComponentModel.TypeConverter",
        "System.Console", "System.IO.FileSystem.AccessControl", "System.IO.FileSystem.DriveInfo", "System.IO.FileSystem.Watcher",
        "System.Linq", "System.Linq.AsyncEnumerable", "System.Linq.Expressions", "System.Linq.Parallel", "System.Linq.Queryable",
        "System.Memory", "System.Net.Http", "System.Text.Encoding.CodePages", "System.Threading", "System.Threading.AccessControl",
        "System.Threading.Tasks.Parallel",
        // Namespaces notebooks commonly import or spell out.
        "System.Collections.Concurrent", "System.Collections.NonGeneric", "System.Collections.Specialized",
        "System.ComponentModel.Primitives", "System.Diagnostics.Process", "System.Diagnostics.StackTrace", "System.IO.Compression",
        "System.Net.Primitives", "System.Numerics.Vectors", "System.ObjectModel", "System.Runtime.Extensions",
        "System.Runtime.InteropServices", "System.Runtime.Intrinsics", "System.Runtime.Numerics", "System.Text.Encoding.Extensions",
        "System.Text.Json", "System.Text.RegularExpressions", "System.Web.HttpUtility",
    };

    /// <summary>True when the framework's assemblies are files (not so in a browser).</summary>
    private static readonly bool HasFiles = !string.IsNullOrEmpty(typeof(object).Assembly.Location);
    private static readonly Lazy<string[]> Files = new(ListFiles);
    private static readonly Lazy<IReadOnlyList<MetadataReference>> CoreSet = new(() => Load(core: true));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> RestSet = new(() => Load(core: false));

    /// <summary>The set a session starts with (see the class remarks).</summary>
    public static IReadOnlyList<MetadataReference> Core => CoreSet.Value;

    /// <summary>The framework assemblies outside <see cref="Core"/>, added when a cell needs one of them. Read on first
    /// use: most notebooks never need them, and reading them is on the way to nothing.</summary>
    public static IReadOnlyList<MetadataReference> Rest => RestSet.Value;

    /// <summary>A reference to the assembly named <paramref name="name"/> as the runtime supplies it, or null when it has
    /// none: natively a file of the shared framework; where assemblies have no files (a browser), one the default load
    /// context can load (the app's own, such as the kit's MathNet).</summary>
    public static MetadataReference? TryGet(string name)
    {
        if (HasFiles)
        {
            var path = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), name + ".dll");
            return File.Exists(path) ? TryCreateReference(path) : null;
        }
        return TryLoad(name) is { } assembly ? FromLoadedAssemblies([assembly]).FirstOrDefault() : null;
    }

    private static string[] ListFiles() =>
        Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(f =>
            {
                var name = Path.GetFileName(f);
                return name is "netstandard.dll" or "Microsoft.CSharp.dll" or "mscorlib.dll" || name.StartsWith("System.", StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IReadOnlyList<MetadataReference> Load(bool core)
    {
        if (!HasFiles) return LoadFromMemory(core);
        var files = Files.Value.Where(f => CoreNames.Contains(Path.GetFileNameWithoutExtension(f)) == core).ToArray();
        // The core set is on the way to the first result: use every core.
        var references = new MetadataReference?[files.Length];
        Parallel.For(0, files.Length, i => references[i] = TryCreateReference(files[i]));
        var set = references.OfType<MetadataReference>().ToList();
        if (core) set.Add(MetadataReference.CreateFromFile(typeof(CellGlobals).Assembly.Location));
        return set;
    }

    private static IReadOnlyList<MetadataReference> LoadFromMemory(bool core)
    {
        // Only the default load context's assemblies: the sessions' own context (SubmissionLoadContext) holds the cells
        // compiled so far, which later cells see through the chain of submissions, not as metadata references.
        if (!core)
            return FromLoadedAssemblies(AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default
                    && !CoreNames.Contains(a.GetName().Name ?? "") && a != typeof(CellGlobals).Assembly));
        var named = CoreNames.Select(TryLoad).OfType<Assembly>();
        return FromLoadedAssemblies(named.Append(typeof(CellGlobals).Assembly).Distinct());
    }

    private static Assembly? TryLoad(string name)
    {
        try { return Assembly.Load(new AssemblyName(name)); }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { return null; }
    }

    /// <summary>References made from the metadata of assemblies loaded in this process, without reading any file.</summary>
    /// <param name="assemblies">Loaded assemblies; those whose metadata the runtime cannot hand out are skipped.</param>
    /// <remarks>The metadata stays where the runtime keeps it for as long as the assembly is loaded (for good: the default
    /// load context never unloads), so nothing is copied.</remarks>
    internal static unsafe IReadOnlyList<MetadataReference> FromLoadedAssemblies(IEnumerable<Assembly> assemblies)
    {
        var references = new List<MetadataReference>();
        foreach (var assembly in assemblies)
        {
            if (!assembly.TryGetRawMetadata(out var blob, out var length)) continue;
            var module = ModuleMetadata.CreateFromMetadata((IntPtr)blob, length);
            references.Add(AssemblyMetadata.Create(module).GetReference(display: assembly.GetName().Name));
        }
        return references;
    }

    /// <summary>A reference to a framework assembly, or null for a native library that shares the folder.</summary>
    /// <remarks>The file is memory-mapped, not read (MetadataReference.CreateFromFile copies the whole image into memory,
    /// tens of megabytes for the framework): only the metadata pages the compiler touches are ever loaded. The shared
    /// framework's files do not change while the process runs, so keeping them mapped is safe.</remarks>
    private static MetadataReference? TryCreateReference(string path)
    {
        var stream = File.OpenRead(path);
        try
        {
            var module = ModuleMetadata.CreateFromStream(stream, PEStreamOptions.Default);
            if (!module.GetMetadataReader().IsAssembly)
            {
                module.Dispose();
                return null;
            }
            return AssemblyMetadata.Create(module).GetReference(filePath: path, display: path);
        }
        catch (BadImageFormatException)
        {
            stream.Dispose();
            return null;
        }
    }
}
