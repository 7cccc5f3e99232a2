using System.IO.Compression;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Autograder;

/// <summary>Builds a Gradescope autograder for a lab: <c>course autograder LAB --out DIR</c>.</summary>
/// <remarks>
/// The folder holds <c>setup.sh</c> (installs the .NET 10 runtime on Gradescope's Ubuntu image), <c>run_autograder</c>
/// (grades <c>/autograder/submission</c> into <c>/autograder/results/results.json</c>), and <c>kit/</c>: the lab with its
/// hidden tests, the built kit (<c>artifacts/lib</c>), the <c>course</c> tool (<c>artifacts/bin</c>) and the datasets; plus
/// <c>autograder.zip</c> of all of it, the file Gradescope asks for. The root (<c>/autograder</c>) can be changed with
/// the <c>AUTOGRADER_ROOT</c> environment variable and the grading program with <c>COURSE</c>, so the bundle can be tried on
/// a local tree before uploading.
/// </remarks>
public static class AutograderBundle
{
    /// <summary>Writes the bundle for <paramref name="labPath"/> into <paramref name="outDir"/>.</summary>
    /// <param name="labPath">The lab's solution notebook, inside a built kit (artifacts/lib and artifacts/bin exist above it).</param>
    /// <param name="outDir">Destination folder (replaced if it exists).</param>
    /// <param name="kitBin">Folder holding <c>course.dll</c>; null: the kit's <c>artifacts/bin</c>.</param>
    /// <returns>The path of <c>autograder.zip</c>.</returns>
    /// <exception cref="LabFormatException">The lab is malformed.</exception>
    /// <exception cref="DirectoryNotFoundException">The kit is not built (no artifacts/lib or artifacts/bin found).</exception>
    public static string Write(string labPath, string outDir, string? kitBin = null)
    {
        var lab = Lab.Load(labPath);
        string root = KitRoot(lab.Path);
        string bin = kitBin ?? Path.Combine(root, "artifacts", "bin");
        if (!File.Exists(Path.Combine(bin, "course.dll")))
            throw new DirectoryNotFoundException($"{bin}: no course.dll; build the kit first (dotnet build src/Course.Cli)");
        string dir = Path.GetFullPath(outDir);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        string kit = Path.Combine(dir, "kit");
        string labRel = Path.GetRelativePath(root, lab.Path).Replace('\\', '/');
        Copy(Path.GetDirectoryName(lab.Path)!, Path.Combine(kit, Path.GetDirectoryName(labRel)!), [Path.GetFileName(lab.Path), Path.GetFileName(Lab.HiddenPathFor(lab.Path))]);
        CopyTree(Path.Combine(root, "artifacts", "lib"), Path.Combine(kit, "artifacts", "lib"));
        CopyTree(bin, Path.Combine(kit, "artifacts", "bin"));
        string datasets = LabGrader.FindDatasets(lab.Path) ?? throw new DirectoryNotFoundException($"no datasets/ folder above {lab.Path}");
        CopyTree(datasets, Path.Combine(kit, "datasets"));
        WriteScript(Path.Combine(dir, "setup.sh"), SetupScript);
        WriteScript(Path.Combine(dir, "run_autograder"), RunScript.Replace("@LAB@", labRel, StringComparison.Ordinal));
        AtomicFile.WriteAllText(Path.Combine(dir, "README.md"), $"Gradescope autograder for {lab.Name} ({lab.AutogradedPoints:g} autograded points).\n"
            + "Upload autograder.zip as a Gradescope programming assignment (Ubuntu 22.04 base image).\n"
            + "Try it locally: AUTOGRADER_ROOT=/tmp/ag ./run_autograder, with the bundle in /tmp/ag/source and a notebook in /tmp/ag/submission.\n");
        string zip = Path.Combine(dir, "autograder.zip");
        string tmp = zip + ".tmp";
        using (var archive = ZipFile.Open(tmp, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => f != tmp).Order(StringComparer.Ordinal))
            {
                // Fixed timestamps keep the zip's bytes stable; the scripts must stay executable on Gradescope.
                var entry = archive.CreateEntry(Path.GetRelativePath(dir, file).Replace('\\', '/'), CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                bool script = file.EndsWith(".sh", StringComparison.Ordinal) || file.EndsWith("run_autograder", StringComparison.Ordinal);
                entry.ExternalAttributes = Convert.ToInt32(script ? "100755" : "100644", 8) << 16;
                using var target = entry.Open();
                using var source = File.OpenRead(file);
                source.CopyTo(target);
            }
        }
        File.Move(tmp, zip, overwrite: true);
        return zip;
    }

    private const string SetupScript = """
        #!/usr/bin/env bash
        # Gradescope runs this once while building the autograder image (as root, with network access).
        # It installs the .NET 10 runtime; the kit and the course tool are already built inside kit/.
        set -euo pipefail
        apt-get update -q && apt-get install -y -q curl ca-certificates libicu-dev
        curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
        bash /tmp/dotnet-install.sh --channel 10.0 --runtime dotnet --install-dir /usr/share/dotnet
        ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet
        dotnet --list-runtimes
        """;

    private const string RunScript = """
        #!/usr/bin/env bash
        # Gradescope runs this for each submission: grade /autograder/submission into /autograder/results/results.json.
        # AUTOGRADER_ROOT moves the tree (to try the bundle locally); COURSE replaces the grading program.
        set -u
        ROOT="${AUTOGRADER_ROOT:-/autograder}"
        KIT="$ROOT/source/kit"
        COURSE="${COURSE:-dotnet $KIT/artifacts/bin/course.dll}"
        OUT="$(mktemp -d)"
        mkdir -p "$ROOT/results"
        export DEEPNLP_DATASETS="$KIT/datasets"
        $COURSE grade "$KIT/@LAB@" "$ROOT/submission" --out "$OUT" --jobs 1 --no-resume
        if [ -f "$OUT/gradescope/submission.json" ]; then
          cp "$OUT/gradescope/submission.json" "$ROOT/results/results.json.tmp"
          mv "$ROOT/results/results.json.tmp" "$ROOT/results/results.json"
        else
          printf '{"score": 0, "output": "The autograder could not grade this submission; please contact the course staff."}\n' > "$ROOT/results/results.json"
        fi
        rm -rf "$OUT"
        """;

    internal static void WriteScript(string path, string text)
    {
        AtomicFile.WriteAllText(path, text.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    internal static string KitRoot(string labPath)
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(labPath)!); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "artifacts", "lib", "DeepNlp.dll"))) return d.FullName;
        throw new DirectoryNotFoundException($"no artifacts/lib/DeepNlp.dll above {labPath}; build the kit first (dotnet build src/DeepNlp)");
    }

    internal static void Copy(string from, string to, IEnumerable<string> names)
    {
        Directory.CreateDirectory(to);
        foreach (var n in names.Where(n => File.Exists(Path.Combine(from, n))))
            File.Copy(Path.Combine(from, n), Path.Combine(to, n), overwrite: true);
    }

    internal static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

}
