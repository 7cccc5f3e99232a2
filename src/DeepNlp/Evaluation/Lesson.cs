namespace DeepNlp.Evaluation;

/// <summary>Lesson checks: a lecture's qualitative claims asserted by the run that makes them.</summary>
/// <remarks>
/// A lecture cell computes its numbers, then states each claim its prose makes about them:
/// <code>Lesson.Check("modified KN has the lowest perplexity for n ≥ 2", mknBest, $"n=5: {mkn5:F1} vs {jm5:F1}")</code>
/// A claim that holds displays as a visible line <c>✓ claim — evidence</c>; one that does not throws
/// <see cref="LessonCheckFailedException"/>, so <c>course test notebooks</c> fails that lecture and the prose cannot
/// drift from its run unnoticed. Claims that only hold with <c>FULL = true</c> are checked only under <c>FULL</c>.
/// Used throughout <c>notebooks/01_word_vectors.ipynb</c> to <c>notebooks/09_gpu_with_ilgpu.ipynb</c>.
/// </remarks>
public static class Lesson
{
    /// <summary>Checks one claim of a lecture against its run.</summary>
    /// <param name="claim">The claim as the prose makes it, e.g. "the BiLSTM tagger beats the most-frequent-tag baseline".</param>
    /// <param name="holds">Whether the run's numbers support the claim.</param>
    /// <param name="evidence">The numbers behind <paramref name="holds"/>, shown either way, e.g. "93.1% vs 81.4%".</param>
    /// <returns>The check, to display as <c>✓ claim — evidence</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is empty or white space.</exception>
    /// <exception cref="LessonCheckFailedException"><paramref name="holds"/> is false; the message is
    /// <c>lesson check failed: claim — evidence</c>.</exception>
    public static LessonCheck Check(string claim, bool holds, string evidence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claim);
        evidence ??= "";
        if (!holds) throw new LessonCheckFailedException(claim, evidence);
        return new LessonCheck(claim, evidence);
    }

    /// <summary>Checks a claim that holds at the lecture's native size, and is not checked in the browser profile.</summary>
    /// <remarks>Natively this is <see cref="Check"/>. Under <see cref="Profile.Browser"/> the lecture runs smaller data and
    /// models, where such a claim may not hold: one that holds still shows as <c>✓</c>; one that does not shows as a visible
    /// note, <c>– claim — evidence (not checked in the browser …)</c>, instead of failing the cell.</remarks>
    /// <param name="claim">The claim as the prose makes it.</param>
    /// <param name="holds">Whether this run's numbers support the claim.</param>
    /// <param name="evidence">The numbers behind <paramref name="holds"/>, shown either way.</param>
    /// <returns>The check, or in the browser the note that it was not checked.</returns>
    /// <exception cref="LessonCheckFailedException">Natively, <paramref name="holds"/> is false.</exception>
    public static LessonCheck CheckAtNativeSize(string claim, bool holds, string evidence)
    {
        if (!Profile.Browser || holds) return Check(claim, holds, evidence);
        ArgumentException.ThrowIfNullOrWhiteSpace(claim);
        return new LessonCheck(claim, evidence ?? "") { NotCheckedInBrowser = true };
    }
}
