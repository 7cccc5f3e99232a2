namespace DeepNlp.Engine.Packages;

/// <summary>A package in a restore's resolved graph and its runtime assemblies.</summary>
internal sealed record RestoredPackage(string Id, string Version, IReadOnlyList<string> Assemblies);
