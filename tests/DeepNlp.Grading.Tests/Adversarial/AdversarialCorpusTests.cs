using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Tests.Adversarial;

[CollectionDefinition("adversarial corpus", DisableParallelization = true)]
public sealed class AdversarialCollection : ICollectionFixture<AdversarialRun>;

/// <summary>Each submission of the adversarial corpus gets exactly its expected score, with feedback naming the cause,
/// in one real <c>course grade</c> run beside the model solution. Slow: about three minutes on two cores.</summary>
[Collection("adversarial corpus")]
[Trait("Category", "Slow")]
public class AdversarialCorpusTests(AdversarialRun run)
{
    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var name in AdversarialRun.AttacksFor(AdversarialRun.FirstLab))
            data.Add(name);
        foreach (var name in new[] { "model_solution", "untouched_student_version", "edited_visible_tests", "malformed_json", "not_utf8",
                     "two_hundred_megabytes", "symbolic_link", "notebook_of_another_lab", "empty_folder" })
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Submission_GetsExactlyItsExpectedScore_AndFeedbackNamesTheCause(string student)
    {
        var (score, feedback) = run.Expected[student];

        Assert.True(run.Scores.ContainsKey(student), $"{student} is missing from the gradebook; course grade said:\n{run.Output}");
        Assert.Equal(score, run.Scores[student]);
        if (feedback != "-") Assert.Contains(feedback, run.Feedback(student), StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_HasAtLeast25Submissions_AndTheRunCompletes()
    {
        Assert.True(run.Expected.Count >= 25, $"{run.Expected.Count} entries");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(run.Expected.Count, run.Scores.Count);
    }

    [Fact]
    public void WritesIntoTheGradingFolder_ChangeNothing()
    {
        // Only the bubblewrap sandbox hides the lab's folder and the output from a submission (README, "Grading"); without
        // it this claim cannot hold, so say what is missing rather than fail on the forged file.
        Assert.False(run.Output.Contains("child process only", StringComparison.Ordinal),
            "course grade ran without its sandbox: install Debian's bubblewrap (bwrap), as .ci/run does. It said:\n" + run.Output);
        Assert.DoesNotContain("forged", File.ReadAllText(Path.Combine(run.Out, "gradebook.csv")), StringComparison.Ordinal);
        Assert.False(File.Exists(run.LabPath[..^".ipynb".Length] + ".hidden.cs.copy"));
        Assert.Equal(run.HiddenTestsBefore, File.ReadAllText(Lab.HiddenPathFor(run.LabPath)));
    }
}
