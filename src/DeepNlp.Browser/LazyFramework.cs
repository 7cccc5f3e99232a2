using System.Reflection;
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Loader;
using System.Runtime.Versioning;

namespace DeepNlp.Browser;

/// <summary>Loads a framework assembly that the site does not download at start (the boot config's lazy assemblies,
/// <c>BlazorWebAssemblyLazyLoad</c> in the project file) the first time the runtime asks for it.</summary>
/// <remarks>The runtime starts only once every assembly of its boot config is in memory, so each megabyte there is on
/// the way to the first result. The framework assemblies that neither the engine's start nor a first compilation touches
/// are therefore marked lazy: they stay in <c>_framework/</c> and come from there on first use, by a synchronous request
/// (allowed in a worker) from the default load context's <c>Resolving</c> event, so any code that needs one, a cell's or
/// the engine's own (<c>FrameworkReferences</c> reading its metadata for a compilation), gets it exactly as if it had been
/// there from the start.</remarks>
[SupportedOSPlatform("browser")]
internal static partial class LazyFramework
{
    private static bool _installed;

    /// <summary>Makes the default load context fetch lazy framework assemblies on demand (once per process).</summary>
    public static void Install()
    {
        if (_installed) return;
        _installed = true;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || Fetch(name.Name) is not { } image) return null;
        return context.LoadFromStream(new MemoryStream(image));
    }

    /// <summary>The image of the lazy framework assembly <paramref name="name"/> (webcil, as the runtime loads it), or
    /// null when the boot config lists no such lazy assembly.</summary>
    [JSImport("lazyAssembly", "deepnlp")]
    [return: JSMarshalAs<JSType.Array<JSType.Number>>]
    private static partial byte[]? Fetch(string name);
}
