namespace DeepNlp.Evaluation;

/// <summary>Thrown by <see cref="Lesson.Check"/> when a lecture's claim does not hold on the run that makes it.</summary>
/// <remarks>
/// The message reads <c>lesson check failed: claim — evidence</c>, so <c>course test</c> reports which sentence of
/// the lecture its run contradicts and with which numbers.
/// </remarks>
public sealed class LessonCheckFailedException : Exception
{
    /// <summary>Creates the exception for a claim that failed.</summary>
    /// <param name="claim">The claim the lecture makes.</param>
    /// <param name="evidence">The numbers the run produced.</param>
    public LessonCheckFailedException(string claim, string evidence)
        : base(evidence.Length == 0 ? $"lesson check failed: {claim}" : $"lesson check failed: {claim} — {evidence}")
    {
        Claim = claim;
        Evidence = evidence;
    }

    /// <summary>The claim that did not hold.</summary>
    public string Claim { get; }

    /// <summary>The numbers the run produced.</summary>
    public string Evidence { get; }
}
