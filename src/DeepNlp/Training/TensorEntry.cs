namespace DeepNlp.Training;

/// <summary>One tensor's name and shape in a checkpoint header.</summary>
/// <param name="Name">Parameter or buffer name.</param>
/// <param name="Shape">Dimensions.</param>
public sealed record TensorEntry(string Name, int[] Shape);
