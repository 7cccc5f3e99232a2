using System.Numerics;

namespace DeepNlp.Training;

/// <summary>A named array of optimizer or model state.</summary>
/// <param name="Name">Name, e.g. <c>m/lstm0.W_hh</c>.</param>
/// <param name="Values">The values.</param>
public sealed record NamedBuffer<T>(string Name, T[] Values);
