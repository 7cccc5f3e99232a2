namespace DeepNlp.NGrams;

/// <summary>One point of a storage-growth chart.</summary>
/// <param name="Series">Line the point belongs to (e.g. "5-gram model").</param>
/// <param name="X">Position on the x axis (order, or fraction of the corpus).</param>
/// <param name="Count">Stored n-grams.</param>
/// <param name="Megabytes">Memory of the stored arrays in MB.</param>
public sealed record SizePoint(string Series, double X, long Count, double Megabytes);
