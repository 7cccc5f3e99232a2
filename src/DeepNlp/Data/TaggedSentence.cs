namespace DeepNlp.Data;

/// <summary>A POS-tagged sentence: one entry per syntactic word, in order.</summary>
/// <param name="Tokens">Word forms (CoNLL-U FORM).</param>
/// <param name="Upos">Universal POS tags (17-tag set), same length.</param>
/// <param name="Xpos">Penn Treebank tags, same length.</param>
public sealed record TaggedSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Upos, IReadOnlyList<string> Xpos)
{
    /// <summary>Number of words.</summary>
    public int Length => Tokens.Count;

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', Tokens.Select((t, i) => $"{t}/{Upos[i]}"));
}
