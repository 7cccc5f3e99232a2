namespace DeepNlp.Grading.Tests.Adversarial;

[CollectionDefinition("adversarial corpus, later labs", DisableParallelization = true)]
public sealed class LaterLabsAdversarialCollection;

/// <summary>The part of the adversarial corpus that is not tied to lab01 (attacks marked <c>// labs: all</c>, the file-shaped
/// entries) and each lab's own forbidden-call attacks, graded against the labs written after it in one real
/// <c>course grade</c> run per lab. Slow: about three minutes per lab on two busy cores.</summary>
/// <remarks>The attacks on the grading process itself (endless loops, exits, memory, threads) run against lab01 only:
/// they exercise the sandbox and the limits, which do not depend on the lab.</remarks>
[Collection("adversarial corpus, later labs")]
[Trait("Category", "Slow")]
public class ShippedLabsAdversarialTests
{
    // The later labs' solutions train small models in their last cells, so a cell gets 60 s and a test 30 s.
    private static readonly string[] Limits = ["--cell-timeout", "60", "--test-timeout", "30", "--wall-timeout", "400", "--memory-mb", "1536"];

    [Theory]
    [InlineData("lab05_count_vectors_glove")]
    [InlineData("lab06_text_classification")]
    [InlineData("lab07_sequence_tagging")]
    [InlineData("lab08_seq2seq_attention")]
    public void EverySubmission_GetsExactlyItsExpectedScore_AndFeedbackNamesTheCause(string lab)
    {
        using var run = new AdversarialRun(lab, Limits);

        var failures = new List<string>();
        foreach (var (student, (score, feedback)) in run.Expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!run.Scores.TryGetValue(student, out double actual)) failures.Add($"{student}: missing from the gradebook");
            else if (actual != score) failures.Add($"{student}: scored {actual}, expected {score}");
            else if (feedback != "-" && !run.Feedback(student).Contains(feedback, StringComparison.Ordinal))
                failures.Add($"{student}: feedback does not mention '{feedback}'");
        }

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Expected.Keys.Count(k => k.StartsWith(lab[..5] + "_", StringComparison.Ordinal)) >= 1, $"{lab} has no forbidden-call attack of its own");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\ncourse grade said:\n" + run.Output);
    }
}
