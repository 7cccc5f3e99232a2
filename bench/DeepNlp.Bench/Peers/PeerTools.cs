using System.Diagnostics;

namespace DeepNlp.Bench.Peers;

/// <summary>The peer tools built from source: KenLM (<c>lmplz</c>, <c>query</c>, <c>build_binary</c>) and the word2vec C tool.</summary>
/// <remarks>
/// The sources are the pristine archives in <c>../shared/peers/</c> (KenLM 4cb443e, word2vec 20c129a), built by their
/// <c>build.sh</c> into <c>~/.cache/deepnlp-peers</c> (outside the repository; <c>DEEPNLP_PEERS_BUILD</c> overrides it) the
/// first time a suite needs them; later runs find the programs there and build nothing. <c>DEEPNLP_PEERS_SRC</c> names the
/// source folder when it is not a <c>shared/peers</c> beside an ancestor of the bench. When the sources, a compiler or Boost
/// are missing, <see cref="Locate"/> says why and returns null: the suite then runs without these peers. Neither the
/// tests nor CI need them.
/// </remarks>
public static class PeerTools
{
    private static Dictionary<string, string>? cached;

    /// <summary>Program name → path (lmplz, query, build_binary, word2vec, compute_accuracy), or null with a printed reason.</summary>
    public static Dictionary<string, string>? Locate()
    {
        if (cached is not null) return cached;
        string build = BuildFolder();
        var known = new Dictionary<string, string>
        {
            ["lmplz"] = Path.Combine(build, "kenlm", "build", "bin", "lmplz"),
            ["query"] = Path.Combine(build, "kenlm", "build", "bin", "query"),
            ["build_binary"] = Path.Combine(build, "kenlm", "build", "bin", "build_binary"),
            ["word2vec"] = Path.Combine(build, "word2vec", "word2vec"),
            ["compute_accuracy"] = Path.Combine(build, "word2vec", "compute-accuracy"),
        };
        if (known.Values.All(File.Exists)) return cached = known;

        string? script = FindBuildScript();
        if (script is null)
        {
            Console.WriteLine("peer tools: ../shared/peers/build.sh not found (set DEEPNLP_PEERS_SRC); KenLM and word2vec.c rows skipped.");
            return null;
        }
        if (!OnPath("g++") || !OnPath("cmake"))
            Console.WriteLine("peer tools: g++ or cmake missing; build.sh will try to install them with apt-get (Boost too).");
        Console.WriteLine($"peer tools: building KenLM and word2vec.c from {Path.GetDirectoryName(script)} into {build} (once; a few minutes)...");
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(build);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            var found = lines.Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
            if (p.ExitCode != 0 || !found.Values.All(File.Exists) || found.Count < known.Count)
            {
                Console.WriteLine($"peer tools: build failed (exit {p.ExitCode}; a compiler or Boost may be missing): " +
                                  string.Join(" | ", err.Result.Trim().Split('\n').TakeLast(3)) + "; KenLM and word2vec.c rows skipped.");
                return null;
            }
            return cached = found;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"peer tools: cannot run bash ({e.Message}); KenLM and word2vec.c rows skipped.");
            return null;
        }
    }

    private static string? eofFix;

    /// <summary>
    /// The word2vec C tool 20c129a with its epoch-reset fix (<c>bench/peers/w2v_c_eoffix.sh</c>), built once into the
    /// peers' build folder; null with a printed reason when the source archive or gcc is missing.
    /// </summary>
    /// <remarks>
    /// 20c129a never clears <c>eof</c> when a thread starts its next epoch, so the thread that reads to the end of the file
    /// (the last one; with one thread the only one) trains only the first epoch. The fixed copy differs by that one
    /// reset; its first epoch, and so every 1-epoch run, is the pristine tool's. Measured in <c>bench/README.md</c>
    /// (word vectors, "Issue 21: the C tool's epochs").
    /// </remarks>
    public static string? LocateWord2VecEofFix()
    {
        if (eofFix is not null) return eofFix;
        string build = BuildFolder(), path = Path.Combine(build, "word2vec-eoffix", "word2vec");
        if (File.Exists(path)) return eofFix = path;
        string? script = FindBuildScript(), fix = FindBenchPeerScript("w2v_c_eoffix.sh");
        if (script is null || fix is null)
        {
            Console.WriteLine("peer tools: the word2vec archive (../shared/peers) or bench/peers/w2v_c_eoffix.sh not found; the fixed C tool is skipped.");
            return null;
        }
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { fix, Path.GetDirectoryName(script)!, build }) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0 && File.Exists(path)) return eofFix = path;
            Console.WriteLine($"peer tools: building the fixed word2vec.c failed (exit {p.ExitCode}): {string.Join(" | ", err.Result.Trim().Split('\n').TakeLast(3))}");
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"peer tools: cannot run bash ({e.Message}); the fixed C tool is skipped.");
            return null;
        }
    }

    private static string BuildFolder() => Environment.GetEnvironmentVariable("DEEPNLP_PEERS_BUILD") is { Length: > 0 } b ? b
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "deepnlp-peers");

    private static string? FindBenchPeerScript(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "bench", "peers", name))) return Path.Combine(d.FullName, "bench", "peers", name);
        return null;
    }

    private static string? FindBuildScript()
    {
        if (Environment.GetEnvironmentVariable("DEEPNLP_PEERS_SRC") is { Length: > 0 } src)
            return File.Exists(Path.Combine(src, "build.sh")) ? Path.Combine(src, "build.sh") : null;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                foreach (var candidate in new[] { Path.Combine(d.FullName, "shared", "peers", "build.sh"), Path.Combine(d.FullName, "..", "shared", "peers", "build.sh") })
                    if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        return null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
}
