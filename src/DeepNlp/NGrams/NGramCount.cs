namespace DeepNlp.NGrams;

/// <summary>One n-gram with its raw training count.</summary>
/// <param name="Tokens">The n-gram's tokens, first to last.</param>
/// <param name="Count">How many times it occurs in the training text.</param>
public sealed record NGramCount(string[] Tokens, long Count)
{
    /// <inheritdoc />
    public override string ToString() => $"{string.Join(' ', Tokens)}\t{Count}";
}
