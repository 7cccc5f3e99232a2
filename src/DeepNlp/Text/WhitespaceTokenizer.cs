namespace DeepNlp.Text;

/// <summary>Tokenizer for pre-tokenized text: tokens are the maximal runs of non-whitespace characters.</summary>
/// <remarks>The shipped word-level corpus and CoNLL-U token columns are already tokenized; use this for them.</remarks>
public sealed class WhitespaceTokenizer : ITokenizer
{
    /// <summary>A shared instance; the tokenizer has no state.</summary>
    public static WhitespaceTokenizer Instance { get; } = new();

    /// <inheritdoc />
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }
}
