using System.Text.RegularExpressions;

namespace DeepNlp.Text;

/// <summary>Splits text into the pieces BPE merges within: GPT-2's pre-tokenisation regex.</summary>
/// <remarks>
/// The pattern is GPT-2's (<c>encoder.py</c>): <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>.
/// It was chosen over whitespace splitting with a marker because (1) a word keeps its leading space (" the" differs from
/// "the" at a line start) so decoding needs no rule about where spaces go; (2) letters, digits and punctuation never
/// share a piece, so merges do not learn "word." variants of every word; (3) the alternatives cover every character,
/// so the pieces concatenate back to the text exactly, newlines and runs of spaces included.
/// </remarks>
public static partial class BpePreTokenizer
{
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2();

    /// <summary>The pieces of <paramref name="text"/>, in order; their concatenation is <paramref name="text"/>.</summary>
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var m = Gpt2().Match(text); m.Success; m = m.NextMatch()) yield return m.Value;
    }
}
