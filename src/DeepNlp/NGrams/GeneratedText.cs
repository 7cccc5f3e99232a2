namespace DeepNlp.NGrams;

/// <summary>Text sampled from an n-gram model.</summary>
/// <param name="Tokens">The generated tokens (the prompt included, boundaries excluded).</param>
/// <param name="EndedSentence">True when the model produced &lt;/s&gt; before the length limit.</param>
public sealed record GeneratedText(IReadOnlyList<string> Tokens, bool EndedSentence)
{
    /// <summary>The tokens joined by spaces.</summary>
    public string Text => string.Join(' ', Tokens);

    /// <inheritdoc />
    public override string ToString() => Text;
}
