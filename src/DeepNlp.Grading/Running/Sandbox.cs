using System.Diagnostics;

namespace DeepNlp.Grading.Running;

/// <summary>Runs each grading worker inside bubblewrap (<c>bwrap</c>) where the machine has it, and says which isolation
/// was in force.</summary>
/// <remarks>
/// In the sandbox the whole file system is read-only; <c>/tmp</c> is private; there is no network (new network, IPC, PID,
/// UTS and cgroup namespaces), no capabilities, and no terminal to write into (new session). No --die-with-parent:
/// it is tied to the thread that started bwrap, and .NET retires idle thread-pool threads, which killed workers mid-run
/// (exit 137); the grader kills a worker's whole tree itself at the wall-time limit or on cancellation. Hidden behind empty folders: the lab's folder (its hidden tests; the worker gets the lab on its stdin), the
/// grading output folder (gradebook, feedback, state) and the other submissions. Writable: only the worker's own scratch
/// folder, which holds its copy of the submission, its logs and its working folder. Without bwrap (or where it cannot
/// start, as in some containers), grading still runs, as a plain child process with the same time, memory and output
/// limits.
/// </remarks>
internal static class Sandbox
{
    private static readonly Lazy<string?> Bwrap = new(FindUsableBwrap);

    /// <summary>The isolation every worker gets; the probe starts bwrap with exactly these, so "usable" means usable for this.</summary>
    private static readonly string[] Isolation =
        ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--unshare-all", "--cap-drop", "ALL"];

    /// <summary>Whether workers run in bubblewrap on this machine (found on PATH and able to start).</summary>
    public static bool Available => Bwrap.Value is not null;

    /// <summary>One line for reports: what a submission's code could and could not reach.</summary>
    public static string Describe(bool sandboxed) => sandboxed
        ? "bubblewrap sandbox: read-only file system, private /tmp, no network, the lab's folder, the grading output and other submissions hidden"
        : "child process only (bubblewrap not found or unusable): time, memory and output limits, but the submission's code could read and write what this user can";

    /// <summary>The command that starts the worker: <paramref name="worker"/> itself, or bwrap around it.</summary>
    /// <param name="worker">The worker command.</param>
    /// <param name="scratch">The worker's private folder (the only writable place).</param>
    /// <param name="hidden">Files and folders the worker must not see: the lab's folder, the output folder, submissions.</param>
    /// <param name="needed">Folders the worker must see (runtime, kit, data sets): a hidden folder containing one of
    /// them is hidden file by file instead.</param>
    public static (string FileName, List<string> Arguments, bool Sandboxed) Wrap(WorkerCommand worker, string scratch,
        IEnumerable<string> hidden, IEnumerable<string> needed)
    {
        if (Bwrap.Value is not { } bwrap) return (worker.FileName, [.. worker.Arguments], false);
        var args = new List<string>(Isolation) { "--new-session" };
        var keep = needed.Select(Full).Append(Full(scratch)).ToList();
        // /tmp is private; what the worker needs from the real /tmp (a kit or data set unpacked there) is bound back in.
        foreach (var path in needed.Select(Full).Distinct(StringComparer.Ordinal).Where(p => IsInside(p, "/tmp") && Directory.Exists(p)))
            args.AddRange(["--ro-bind", path, path]);
        foreach (var path in hidden.Select(Full).Distinct(StringComparer.Ordinal))
        {
            if (keep.Any(k => IsInside(k, path))) continue;
            if (Directory.Exists(path)) args.AddRange(["--tmpfs", path]);
            else if (File.Exists(path)) args.AddRange(["--ro-bind", "/dev/null", path]);
        }
        args.AddRange(["--bind", scratch, scratch, "--chdir", Path.Combine(scratch, "work"), "--", worker.FileName]);
        args.AddRange(worker.Arguments);
        return (bwrap, args, true);
    }

    /// <summary>Folders a hidden folder would also hide, when the folder holds something the worker needs (the lab
    /// inside the kit's clone, say): hide their children instead, except the needed ones' ancestors.</summary>
    public static IEnumerable<string> HideAround(string folder, IEnumerable<string> needed)
    {
        var keep = needed.Select(Full).ToList();
        string full = Full(folder);
        if (!Directory.Exists(full)) yield break;
        if (!keep.Any(k => IsInside(k, full)))
        {
            yield return full;
            yield break;
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(full))
        {
            if (keep.Any(k => IsInside(k, entry))) continue;
            yield return entry;
        }
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? FindUsableBwrap()
    {
        if (Environment.GetEnvironmentVariable("DEEPNLP_GRADING_SANDBOX") == "off" || !OperatingSystem.IsLinux()) return null;
        string? bwrap = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "bwrap")).FirstOrDefault(File.Exists);
        if (bwrap is null) return null;
        try
        {
            var probe = new ProcessStartInfo(bwrap) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in Isolation.Append("true")) probe.ArgumentList.Add(a);
            using var p = Process.Start(probe);
            if (p is null) return null;
            if (!p.WaitForExit(10_000))
            {
                p.Kill(entireProcessTree: true);
                return null;
            }
            return p.ExitCode == 0 ? bwrap : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
