namespace DeepNlp.Labs;

/// <summary>A registered test: its question, name, body and grading attributes.</summary>
internal sealed record LabTest(string Question, string Name, Action Body, double Weight, bool Hidden);
