using System.Diagnostics;

namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary>Finds the built <c>course.dll</c> and runs it, and finds a python3 that has Jupyter's test packages.</summary>
internal static class CourseCli
{
    /// <summary>The repository root: the first folder above the test binaries holding Course.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>course.dll: $DEEPNLP_COURSE_DLL, else the newest of artifacts/bin and src/Course.Cli/bin/*/net10.0
    /// (the test project builds Course.Cli first, so one of them is current).</summary>
    public static string CourseDll { get; } = FindCourseDll();

    /// <summary>A python3 that imports jupyter_kernel_test, nbclient and nbconvert (Debian's /usr/bin/python3 when a
    /// pyenv or venv python on PATH lacks them); null when there is none.</summary>
    public static string? Python { get; } = FindPython();

    public const string MissingPython =
        "python3 with jupyter_kernel_test, nbclient and nbconvert not found (Debian: apt-get install python3-jupyter-kernel-test python3-nbconvert python3-nbclient)";

    /// <summary>Runs a process; Output is stdout then stderr, Stdout alone is kept for parsing.</summary>
    public static (int ExitCode, string Output, string Stdout) Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{stdout.Result}\n{stderr.Result}", stdout.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result, stdout.Result);
    }

    public static (int ExitCode, string Output) Course(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (code, output, _) = Run("dotnet", [CourseDll, .. arguments], workingDirectory, environment, TimeSpan.FromMinutes(2));
        return (code, output);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Course.sln above {AppContext.BaseDirectory}");
    }

    private static string FindCourseDll()
    {
        if (Environment.GetEnvironmentVariable("DEEPNLP_COURSE_DLL") is { Length: > 0 } given) return Path.GetFullPath(given);
        var candidates = new List<string> { Path.Combine(RepositoryRoot, "artifacts", "bin", "course.dll") };
        var cliBin = Path.Combine(RepositoryRoot, "src", "Course.Cli", "bin");
        if (Directory.Exists(cliBin)) candidates.AddRange(Directory.EnumerateFiles(cliBin, "course.dll", SearchOption.AllDirectories));
        return candidates.Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"course.dll not found in {string.Join(", ", candidates)}; build src/Course.Cli");
    }

    private static string? FindPython()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                // find_spec looks the modules up without importing them (importing nbconvert takes seconds).
                var (code, _, _) = Run(candidate, ["-c", "import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ('jupyter_kernel_test', 'jupyter_client', 'nbclient', 'nbconvert')) else 1)"],
                    Path.GetTempPath(), null, TimeSpan.FromSeconds(60));
                if (code == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next.
            }
        }
        return null;
    }
}
