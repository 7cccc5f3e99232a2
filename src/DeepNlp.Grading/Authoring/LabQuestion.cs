namespace DeepNlp.Grading.Authoring;

/// <summary>A graded question of a lab.</summary>
/// <param name="Id">Question id, e.g. <c>q1</c>.</param>
/// <param name="Points">Points the question is worth.</param>
/// <param name="Title">Short title (may be empty).</param>
/// <param name="Written">True for a written answer graded by hand; false for an autograded question.</param>
public sealed record LabQuestion(string Id, double Points, string Title, bool Written);
