namespace DeepNlp.Grading.Authoring;

/// <summary>The hidden tests of one question, run by the grader as one cell after the lab's visible tests.</summary>
/// <param name="Question">Question id the chunk belongs to.</param>
/// <param name="Line">One-based line of the chunk's <c>// QUESTION</c> marker in the hidden-test file.</param>
/// <param name="Source">C# script registering tests with <c>Grader.Test(..., hidden: true)</c>.</param>
public sealed record HiddenTestChunk(string Question, int Line, string Source);
