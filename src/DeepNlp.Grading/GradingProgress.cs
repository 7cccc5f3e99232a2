namespace DeepNlp.Grading;

/// <summary>Reported after each submission is graded.</summary>
/// <param name="Done">Submissions finished so far.</param>
/// <param name="Total">Submissions in the run.</param>
/// <param name="Result">The submission just finished.</param>
/// <param name="Cached">True when the result was reused from an earlier run (unchanged submission and lab).</param>
public sealed record GradingProgress(int Done, int Total, SubmissionResult Result, bool Cached);
