namespace DeepNlp.Data;

/// <summary>A first name with the list it comes from.</summary>
/// <param name="Name">The name, trimmed, in its original case (may contain '-', '\'' or a space).</param>
/// <param name="Gender">Which list it is on (365 names are on both and appear twice).</param>
public sealed record GenderedName(string Name, Gender Gender);
