namespace DeepNlp.Grading;

/// <summary>The grade of one question of a submission.</summary>
/// <param name="Question">Question id.</param>
/// <param name="Title">Short title from the lab.</param>
/// <param name="Points">Points the question is worth.</param>
/// <param name="Score">Points earned (0 for written questions until graded by hand).</param>
/// <param name="Written">True for a written answer graded by hand.</param>
/// <param name="Tests">Per-test scores (empty for written questions).</param>
/// <param name="Problems">Why tests could not run (compile errors in the tests cells, crashes), empty when they ran.</param>
public sealed record QuestionScore(string Question, string Title, double Points, double Score, bool Written,
    IReadOnlyList<TestScore> Tests, IReadOnlyList<string> Problems);
