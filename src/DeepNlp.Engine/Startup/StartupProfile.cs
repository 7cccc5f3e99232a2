using System.Runtime;
using DeepNlp.Engine.Packages;

namespace DeepNlp.Engine.Startup;

/// <summary>Multi-core JIT for the `course` process: the methods a command compiled last time are compiled again on a
/// spare core while the command starts, before the main thread asks for them.</summary>
/// <remarks>
/// <para>Why: the first cell of a notebook makes Roslyn run for the first time in the process. Its own code is
/// precompiled (ReadyToRun), but about 2,700 generic instantiations (framework collections over Roslyn's types, which no
/// precompiled image may contain) are still compiled by the JIT on the way to the first result, one after another on the
/// thread that waits for it. .NET's ProfileOptimization records which methods were compiled and, in the next process,
/// compiles them in the background as soon as the profile is started; on the 2-core development VM this takes the first
/// result of a cold process from about 600 ms to about 380 ms (`bench/`, engine suite).</para>
/// <para>The profiles live in <c>$XDG_CACHE_HOME/deepnlp-course/jit/&lt;runtime&gt;-&lt;build&gt;/</c>, one per command,
/// so a rebuilt kit or another runtime never plays back a stale list (a stale list would only cost time: the runtime skips
/// methods it cannot find). The first run after a build records; later runs play back and record again. Without a
/// writable cache folder the process simply starts without it.</para>
/// </remarks>
public static class StartupProfile
{
    /// <summary>Starts playing back (and recording) the JIT profile named <paramref name="name"/>.</summary>
    /// <param name="name">The command, e.g. <c>run</c> or <c>kernel</c>; letters, digits and '-' only.</param>
    /// <param name="cacheRoot">Folder for the profiles; null for the default (see remarks).</param>
    /// <returns>The folder used, or null when profiles are unavailable (the process goes on without).</returns>
    public static string? Start(string name, string? cacheRoot = null)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return null;
        try
        {
            var root = cacheRoot ?? Path.Combine(Path.GetDirectoryName(PackageRestorer.DefaultCacheDirectory())!, "jit");
            var folder = Path.Combine(root, BuildKey());
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(name + ".jitprofile");
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The runtime version and the builds of the entry program and the engine: a profile is only played back by
    /// the same build on the same runtime.</summary>
    private static string BuildKey()
    {
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId ?? Guid.Empty;
        var engine = typeof(StartupProfile).Assembly.ManifestModule.ModuleVersionId;
        return $"{Environment.Version}-{entry.ToString("N")[..8]}{engine.ToString("N")[..8]}";
    }
}
