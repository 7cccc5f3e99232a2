using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Tests.Running;

/// <summary>The labs in notebooks/labs: each solution earns full marks and each student version earns zero but runs to
/// the end. Slow (it executes every lab twice); filter with Category!=Slow for a quick run.</summary>
public class ShippedLabsTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task EveryLab_SolutionGetsFullMarks_StudentVersionGetsZeroAndFinishes()
    {
        using var dir = new TempDir();
        var labs = Directory.GetFiles(Path.Combine(KitPaths.Root, "notebooks", "labs"), "lab*.ipynb").Order(StringComparer.Ordinal).ToList();
        var failures = new List<string>();

        foreach (var labPath in labs)
        {
            var lab = Lab.Load(labPath);
            var subs = Path.Combine(dir.Path, lab.Name);
            Directory.CreateDirectory(subs);
            File.Copy(labPath, Path.Combine(subs, "solution.ipynb"));
            File.WriteAllBytes(Path.Combine(subs, "student.ipynb"), StudentVersion.Build(lab));
            var results = (await LabGrader.GradeAsync(labPath, [Path.Combine(subs, "solution.ipynb"), Path.Combine(subs, "student.ipynb")],
                Path.Combine(dir.Path, lab.Name + "-out"), MiniGradingRun.Options with { Jobs = 2, CellTimeout = TimeSpan.FromSeconds(120), TestTimeout = TimeSpan.FromSeconds(30), WallTimeout = TimeSpan.FromSeconds(400), MemoryLimitBytes = 2L << 30 }))
                .ToDictionary(r => r.Student);
            var solution = results["solution"];
            var student = results["student"];
            if (solution.Score != lab.AutogradedPoints || solution.Problems.Count > 0)
                failures.Add($"{lab.Name} solution: {solution.Score}/{lab.AutogradedPoints}: {string.Join("; ", solution.Problems)}");
            if (student.Score != 0 || !student.Finished)
                failures.Add($"{lab.Name} student version: {student.Score}, finished {student.Finished}: {string.Join("; ", student.Problems)}");
            if (student.Problems.Any(p => !p.Contains("NotImplementedException", StringComparison.Ordinal)))
                failures.Add($"{lab.Name} student version has problems other than TODOs: {string.Join("; ", student.Problems)}");
        }

        Assert.Equal(8, labs.Count);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
