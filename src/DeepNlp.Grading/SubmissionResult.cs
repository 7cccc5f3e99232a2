namespace DeepNlp.Grading;

/// <summary>Everything the grader found for one submission: scores per question, problems, written answers.</summary>
/// <param name="Student">Student id (the submission's file or folder name).</param>
/// <param name="SubmissionPath">The graded notebook.</param>
/// <param name="SubmissionHash">SHA-256 of the notebook's bytes (resumable runs skip unchanged submissions).</param>
/// <param name="LabVersion">The <see cref="Authoring.Lab.Version"/> it was graded against.</param>
/// <param name="Score">Autograded points earned.</param>
/// <param name="MaxScore">Autograded points possible.</param>
/// <param name="Questions">Per-question scores, in lab order.</param>
/// <param name="Problems">Failed cells, crashes, limits hit, malformed input: each names the cell or the file.</param>
/// <param name="Finished">True when every planned cell ran (possibly after retries).</param>
/// <param name="WrittenAnswers">Written answers by question id, for manual grading.</param>
/// <param name="Seconds">Wall time spent grading.</param>
/// <param name="Attempts">Worker processes started.</param>
public sealed record SubmissionResult(string Student, string SubmissionPath, string SubmissionHash, string LabVersion,
    double Score, double MaxScore, IReadOnlyList<QuestionScore> Questions, IReadOnlyList<string> Problems, bool Finished,
    IReadOnlyDictionary<string, string> WrittenAnswers, double Seconds, int Attempts)
{
    /// <summary>The isolation the submission's code ran under (sandbox or plain child process), for the report.</summary>
    public string Isolation { get; init; } = "";

    /// <summary>The late policy's verdict (null when the lab has no policy).</summary>
    public Policy.LateOutcome? Late { get; init; }

    /// <summary>Points taken off for lateness.</summary>
    public double Penalty => Late is null ? 0 : Math.Round(Score * Late.PenaltyPercent / 100, 6);

    /// <summary>The score after the late penalty.</summary>
    public double FinalScore => Math.Round(Score - Penalty, 6);
}
