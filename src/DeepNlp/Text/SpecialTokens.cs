namespace DeepNlp.Text;

/// <summary>The spellings of the special tokens, as KenLM, SRILM and most course material write them.</summary>
public static class SpecialTokens
{
    /// <summary>Unknown word: every token outside the vocabulary maps here.</summary>
    public const string Unknown = "<unk>";

    /// <summary>Beginning of sentence (context only; never predicted).</summary>
    public const string BeginSentence = "<s>";

    /// <summary>End of sentence (predicted like a word).</summary>
    public const string EndSentence = "</s>";

    /// <summary>Padding in mini-batches; masked out of every loss.</summary>
    public const string Padding = "<pad>";

    /// <summary>All four, in the order <see cref="Vocabulary.Build"/> gives them ids 0..3 by default.</summary>
    public static IReadOnlyList<string> All { get; } = [Padding, Unknown, BeginSentence, EndSentence];
}
