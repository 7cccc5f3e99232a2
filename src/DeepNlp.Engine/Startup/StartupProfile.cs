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
/// so a rebuilt kit or another runtime never plays back a stale list (the runtime would skip methods of changed modules
/// anyway). The runtime plays back and records into the same file and writes it when the process exits; since
/// `course test` runs several `course run` processes at once, each process plays back a private copy of the command's
/// profile and records into that copy, and the next process to start renames the newest recording over the profile
/// (a rename is atomic: the profile is always one process's whole recording, never two interleaved). Without a writable
/// cache folder the process simply starts without it.</para>
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
            RemoveOldBuilds(root, folder);
            var profile = Path.Combine(folder, name + ".jitprofile");
            PromoteNewestRecording(folder, name, profile);
            var mine = $"{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.jitprofile";
            if (File.Exists(profile)) File.Copy(profile, Path.Combine(folder, mine));
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(mine);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Deletes the profiles of other builds unused for a week (each rebuild of the kit starts a new folder).</summary>
    private static void RemoveOldBuilds(string root, string current)
    {
        foreach (var folder in new DirectoryInfo(root).GetDirectories())
        {
            if (folder.FullName == Path.GetFullPath(current) || folder.LastWriteTimeUtc > DateTime.UtcNow.AddDays(-7)) continue;
            try
            {
                folder.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, not ours or already gone: the next start tries again.
            }
        }
    }

    /// <summary>Renames the newest recording of an earlier process over the profile and deletes the others. A recording
    /// that another process is still making is at worst a copy of the profile itself, so taking it is harmless; that
    /// process writes its recording afresh when it exits.</summary>
    private static void PromoteNewestRecording(string folder, string name, string profile)
    {
        var recordings = new DirectoryInfo(folder).GetFiles(name + ".*.jitprofile")
            .OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        for (var i = 0; i < recordings.Count; i++)
        {
            try
            {
                if (i == 0) recordings[i].MoveTo(profile, overwrite: true);
                else recordings[i].Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process starting at the same moment took it first.
            }
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
