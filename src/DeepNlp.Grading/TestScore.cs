namespace DeepNlp.Grading;

/// <summary>The grade of one test of a submission.</summary>
/// <param name="Question">Question id.</param>
/// <param name="Name">Test name (for a question whose tests could not run: what went wrong).</param>
/// <param name="Hidden">True for a hidden test.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Score">Points earned (its share of the question's points when passed, else 0).</param>
/// <param name="MaxScore">Its share of the question's points.</param>
/// <param name="Message">Failure message; empty when passed.</param>
public sealed record TestScore(string Question, string Name, bool Hidden, bool Passed, double Score, double MaxScore, string Message);
