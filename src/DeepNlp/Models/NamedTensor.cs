namespace DeepNlp.Models;

/// <summary>One tensor of a state dict: its PyTorch name, its shape and its values, row-major.</summary>
/// <param name="Name">The state_dict key, e.g. <c>layers.0.self_attn.in_proj_weight</c>.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Values">Elements, row-major (as <c>tensor.flatten()</c>).</param>
public sealed record NamedTensor(string Name, int[] Shape, double[] Values);
