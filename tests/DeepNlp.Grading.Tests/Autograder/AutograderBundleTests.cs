using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Autograder;

namespace DeepNlp.Grading.Tests.Autograder;

public class AutograderBundleTests
{
    [Fact]
    public async Task Bundle_UnzippedIntoALocalAutograderTree_GradesASubmissionIntoResultsJson()
    {
        using var kit = new MiniKit();
        var bin = Path.Combine(kit.Root, "fake-bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "course.dll"), "stands in for the course tool; COURSE replaces it below");
        var root = Path.Combine(kit.Root, "autograder");
        var submission = kit.Submission(Path.Combine(root, "submission"), "my_work", ("add-1", MiniKit.AddSolution), ("mean-1", MiniKit.MeanSolution));

        var zip = AutograderBundle.Write(kit.LabPath, Path.Combine(kit.Root, "bundle"), bin);
        ZipFile.ExtractToDirectory(zip, Path.Combine(root, "source"));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "source", "run_autograder"));
        start.Environment["AUTOGRADER_ROOT"] = root;
        start.Environment["COURSE"] = $"dotnet {typeof(KitPaths).Assembly.Location}";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json")))!;
        Assert.True(5 == (double)results["score"]!, output);
        Assert.Equal(5, results["tests"]!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(root, "source", "kit", "notebooks", "labs", "mini.hidden.cs")));
        Assert.True(File.Exists(Path.Combine(root, "source", "kit", "artifacts", "lib", "DeepNlp.dll")));
        Assert.Contains("dotnet-install.sh --channel 10.0", File.ReadAllText(Path.Combine(root, "source", "setup.sh")));
        Assert.True(File.Exists(submission));
    }

    [Fact]
    public void Bundle_ZipHasExecutableScriptsAndFixedTimestamps()
    {
        using var kit = new MiniKit();
        var bin = Path.Combine(kit.Root, "fake-bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "course.dll"), "placeholder");

        var zip = AutograderBundle.Write(kit.LabPath, Path.Combine(kit.Root, "bundle"), bin);

        using var archive = ZipFile.OpenRead(zip);
        var run = archive.GetEntry("run_autograder")!;
        Assert.Equal(Convert.ToInt32("100755", 8), (run.ExternalAttributes >> 16) & 0xFFFF);
        Assert.NotNull(archive.GetEntry("setup.sh"));
        Assert.NotNull(archive.GetEntry("kit/notebooks/labs/mini.ipynb"));
        Assert.All(archive.Entries, e => Assert.Equal(2000, e.LastWriteTime.Year));
    }
}
