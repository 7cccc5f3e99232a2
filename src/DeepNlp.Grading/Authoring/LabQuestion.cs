namespace DeepNlp.Grading.Authoring;

/// <summary>A graded question of a lab.</summary>
/// <param name="Id">Question id, e.g. <c>q1</c>.</param>
/// <param name="Points">Points the question is worth.</param>
/// <param name="Title">Short title (may be empty).</param>
/// <param name="Written">True for a written answer graded by hand; false for an autograded question.</param>
/// <param name="TestTimeoutSeconds">The per-test time limit the instructor set for this question's tests in the lab's
/// tests-cell metadata (<c>"grading": {"test_timeout": 30}</c>), or null for the grader's default. The grader gives each
/// of the question's tests the larger of this and its own limit; it is read from the instructor's copy of the lab only.</param>
public sealed record LabQuestion(string Id, double Points, string Title, bool Written, double? TestTimeoutSeconds = null);
