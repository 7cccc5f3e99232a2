using System.Diagnostics;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Autograder;

namespace DeepNlp.Grading.Tests.Autograder;

public class PrairieLearnBundleTests
{
    private static async Task<string> RunEntrypoint(string entry, string gradeRoot, string kit)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(entry);
        start.Environment["PL_GRADE_ROOT"] = gradeRoot;
        start.Environment["DEEPNLP_KIT"] = kit;
        start.Environment["COURSE"] = $"dotnet {typeof(KitPaths).Assembly.Location}";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static string FakeBin(MiniKit kit)
    {
        var bin = Path.Combine(kit.Root, "fake-bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "course.dll"), "stands in for the course tool; COURSE replaces it");
        return bin;
    }

    [Fact]
    public async Task Entrypoint_OnASimulatedGradeTree_WritesPrairieLearnResultsWithTheLatePenalty()
    {
        using var kit = new MiniKit();
        // Due two days and a bit before the submission: 10% per started day, so 3 days late costs 30% of 5 points.
        File.WriteAllText(Path.ChangeExtension(kit.LabPath, ".policy.json"), "{\"due\": \"2026-03-01T12:00:00Z\", \"percent_per_day\": 10}");
        var bundle = Path.Combine(kit.Root, "pl");
        var entry = PrairieLearnBundle.Write(kit.LabPath, bundle, FakeBin(kit), "me/deepnlp-grader:1");

        // Lay out /grade as PrairieLearn does: tests/ from the question, serverFilesCourse/, student/.
        var grade = Path.Combine(kit.Root, "grade");
        Directory.CreateDirectory(Path.Combine(grade, "tests"));
        foreach (var f in Directory.GetFiles(Path.Combine(bundle, "questions", "mini", "tests")))
            File.Copy(f, Path.Combine(grade, "tests", Path.GetFileName(f)));
        var notebook = kit.Submission(Path.Combine(grade, "student"), "mini", ("add-1", MiniKit.AddSolution), ("mean-1", "double Mean(double[] xs) => 0;"));
        File.SetLastWriteTimeUtc(notebook, new DateTime(2026, 3, 3, 14, 0, 0, DateTimeKind.Utc));

        var output = await RunEntrypoint(entry, grade, Path.Combine(bundle, "image", "kit"));

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(grade, "results", "results.json")))!;
        Assert.True((bool)results["gradable"]!, output);
        // Raw 2 / 5 (q1 passes, q2 fails); 3 started days late at 10% a day: 1.4 / 5 = 0.28.
        Assert.Equal(0.28, (double)results["score"]!, 6);
        Assert.Contains("3 day(s) late", (string)results["message"]!);
        var tests = results["tests"]!.AsArray();
        Assert.Equal(5, tests.Count);
        Assert.All(tests, t => Assert.True(t!["points"] is not null && t["max_points"] is not null && t["message"] is not null && t["output"] is not null && t["name"] is not null));
        Assert.Equal(5.0, tests.Sum(t => (double)t!["max_points"]!), 3);

        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "questions", "mini", "info.json")))!["externalGradingOptions"]!;
        Assert.True((bool)info["enabled"]!);
        Assert.Equal("me/deepnlp-grader:1", (string)info["image"]!);
        Assert.Equal("/grade/serverFilesCourse/deepnlp/run.sh", (string)info["entrypoint"]!);
        Assert.InRange((int)info["timeout"]!, 1, 600);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/runtime:10.0", File.ReadAllText(Path.Combine(bundle, "image", "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(bundle, "image", "kit", "artifacts", "lib", "DeepNlp.dll")));
    }

    [Fact]
    public async Task Entrypoint_WithNoNotebookSubmitted_ReportsNotGradableWithFormatErrors()
    {
        using var kit = new MiniKit();
        var bundle = Path.Combine(kit.Root, "pl");
        var entry = PrairieLearnBundle.Write(kit.LabPath, bundle, FakeBin(kit));
        var grade = Path.Combine(kit.Root, "grade");
        Directory.CreateDirectory(Path.Combine(grade, "student"));
        File.WriteAllText(Path.Combine(grade, "student", "notes.txt"), "not a notebook");
        Directory.CreateDirectory(Path.Combine(grade, "tests"));
        foreach (var f in Directory.GetFiles(Path.Combine(bundle, "questions", "mini", "tests")))
            File.Copy(f, Path.Combine(grade, "tests", Path.GetFileName(f)));

        var output = await RunEntrypoint(entry, grade, Path.Combine(bundle, "image", "kit"));

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(grade, "results", "results.json")))!;
        Assert.False((bool)results["gradable"]!, output);
        Assert.Contains("no .ipynb notebook", (string)results["format_errors"]![0]!);
    }
}
