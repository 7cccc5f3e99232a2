using System.Globalization;
using System.Text;

namespace DeepNlp.Text;

/// <summary>Word-level tokenizer for raw English text, with optional lower-casing and sentence splitting.</summary>
/// <remarks>
/// Rules, applied left to right (deterministic, culture-independent):
/// <list type="bullet">
/// <item>A word is a run of letters, digits and combining marks. An apostrophe (' or ’), hyphen or period with a
/// letter or digit on both sides stays inside the word, so contractions, hyphenated words and decimals are one
/// token: "don't", "well-known", "3.14", "U.S" (the final period of "U.S." is punctuation). ’ inside a word is
/// written as '.</item>
/// <item>Every other non-space character (punctuation, symbols, emoji) is a token of its own, unless
/// <see cref="KeepPunctuation"/> is false, in which case it is dropped. Surrogate pairs stay whole.</item>
/// <item>Whitespace only separates tokens.</item>
/// <item>With <see cref="LowerCase"/>, letters are lower-cased with the invariant culture.</item>
/// </list>
/// <see cref="SplitSentences"/> ends a sentence after a run of '.', '!' or '?' (so "..." and "?!" end one sentence
/// once), keeping closing quotes and brackets that directly follow with that sentence, and at every line break. This
/// is how the n-gram lecture places &lt;s&gt; and &lt;/s&gt;; abbreviations such as "Mr." also end a sentence, a known
/// limit of the rule.
/// </remarks>
public sealed class WordTokenizer : ITokenizer
{
    /// <summary>Creates a tokenizer.</summary>
    /// <param name="lowerCase">Lower-case every token (invariant culture).</param>
    /// <param name="keepPunctuation">Emit punctuation as tokens; when false it is dropped.</param>
    public WordTokenizer(bool lowerCase = true, bool keepPunctuation = true)
    {
        LowerCase = lowerCase;
        KeepPunctuation = keepPunctuation;
    }

    /// <summary>Whether tokens are lower-cased.</summary>
    public bool LowerCase { get; }

    /// <summary>Whether punctuation characters are emitted as tokens.</summary>
    public bool KeepPunctuation { get; }

    /// <inheritdoc />
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        Tokenize(text, KeepPunctuation, tokens);
        return tokens.ToArray();
    }

    /// <summary>Tokenizes <paramref name="text"/> and splits it into sentences.</summary>
    /// <param name="text">Raw text; line breaks always end a sentence.</param>
    /// <returns>Non-empty sentences, each a token array without boundary markers.</returns>
    public IReadOnlyList<string[]> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string[]>();
        var tokens = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            tokens.Clear();
            // Punctuation is needed to find the boundaries even when it is not kept.
            Tokenize(line, keepPunctuation: true, tokens);
            var current = new List<string>();
            for (int i = 0; i < tokens.Count; i++)
            {
                Add(tokens[i]);
                if (!IsTerminator(tokens[i])) continue;
                while (i + 1 < tokens.Count && (IsTerminator(tokens[i + 1]) || IsCloser(tokens[i + 1]))) Add(tokens[++i]);
                Close();
            }
            Close();

            void Add(string token)
            {
                if (KeepPunctuation || IsWord(token)) current.Add(token);
            }

            void Close()
            {
                if (current.Count > 0) sentences.Add(current.ToArray());
                current.Clear();
            }
        }
        return sentences;
    }

    private void Tokenize(string text, bool keepPunctuation, List<string> tokens)
    {
        var word = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsWordChar(text, i) || (word.Length > 0 && IsMark(c)))
            {
                if (char.IsSurrogatePair(text, i))
                {
                    var pair = text.Substring(i++, 2);
                    word.Append(LowerCase ? pair.ToLowerInvariant() : pair);
                }
                else
                {
                    word.Append(LowerCase ? char.ToLowerInvariant(c) : c);
                }
                continue;
            }
            // Joiners inside a word: don't, well-known, 3.14
            bool joiner = c is '\'' or '’' or '-' or '.';
            if (joiner && word.Length > 0 && i + 1 < text.Length && IsWordChar(text, i + 1))
            {
                word.Append(c == '’' ? '\'' : c);
                continue;
            }
            Flush();
            if (char.IsWhiteSpace(c)) continue;
            int len = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (keepPunctuation) tokens.Add(text.Substring(i, len));
            i += len - 1;
        }
        Flush();

        void Flush()
        {
            if (word.Length == 0) return;
            tokens.Add(word.ToString());
            word.Clear();
        }
    }

    // char.IsLetterOrDigit(string, int) reads a surrogate pair as one code point (letters beyond the BMP count).
    private static bool IsWordChar(string text, int i) => char.IsLetterOrDigit(text, i);

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsWord(string token) => token.Length > 0 && char.IsLetterOrDigit(token, 0);

    private static bool IsTerminator(string token) => token is "." or "!" or "?";

    private static bool IsCloser(string token) => token is "\"" or "'" or "’" or "”" or ")" or "]" or "}";
}
