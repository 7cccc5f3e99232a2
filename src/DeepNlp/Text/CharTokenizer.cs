using System.Globalization;

namespace DeepNlp.Text;

/// <summary>Character-level tokenizer: every Unicode text element (a user-perceived character) is one token.</summary>
/// <remarks>
/// Used by the character-level language models (tinyshakespeare, names). Newlines are tokens too, so a model
/// learns where lines end. Text elements rather than UTF-16 chars keep surrogate pairs and combining marks whole;
/// for plain ASCII text the two are the same.
/// </remarks>
public sealed class CharTokenizer : ITokenizer
{
    /// <summary>A shared instance; the tokenizer has no state.</summary>
    public static CharTokenizer Instance { get; } = new();

    /// <inheritdoc />
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length);
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) tokens.Add(e.GetTextElement());
        return tokens.ToArray();
    }
}
