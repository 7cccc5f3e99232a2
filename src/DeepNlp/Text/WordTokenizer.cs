using System.Text;

namespace DeepNlp.Text;

/// <summary>Word-level tokenizer for raw English text, with optional lower-casing and sentence splitting.</summary>
/// <remarks>
/// Rules, applied left to right (deterministic, no locale):
/// <list type="bullet">
/// <item>A word is a run of letters or digits. Inner apostrophes, hyphens and periods between letters/digits stay inside
/// it ("don't", "well-known", "3.14", "U.S"), so contractions and numbers are one token.</item>
/// <item>Every other non-space character (punctuation, symbols) becomes a token of its own, unless
/// <see cref="KeepPunctuation"/> is false, in which case it is dropped.</item>
/// <item>Whitespace only separates tokens.</item>
/// </list>
/// <see cref="SplitSentences"/> ends a sentence after '.', '!' or '?' tokens (and at line breaks), which is how the
/// n-gram lecture places &lt;s&gt; and &lt;/s&gt;.
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
        var word = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                word.Append(LowerCase ? char.ToLowerInvariant(c) : c);
                continue;
            }
            // Joiners inside a word: don't, well-known, 3.14
            bool joiner = c is '\'' or '’' or '-' or '.';
            if (joiner && word.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                word.Append(c == '’' ? '\'' : c);
                continue;
            }
            Flush();
            if (!char.IsWhiteSpace(c) && KeepPunctuation) tokens.Add(c.ToString());
        }
        Flush();
        return tokens.ToArray();

        void Flush()
        {
            if (word.Length == 0) return;
            tokens.Add(word.ToString());
            word.Clear();
        }
    }

    /// <summary>Tokenizes <paramref name="text"/> and splits it into sentences.</summary>
    /// <param name="text">Raw text; line breaks always end a sentence.</param>
    /// <returns>Non-empty sentences, each a token array without boundary markers.</returns>
    public IReadOnlyList<string[]> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string[]>();
        foreach (var line in text.Split('\n'))
        {
            var current = new List<string>();
            foreach (var token in new WordTokenizer(LowerCase, keepPunctuation: true).Tokenize(line))
            {
                bool end = token is "." or "!" or "?";
                if (KeepPunctuation || token.Length > 1 || char.IsLetterOrDigit(token[0])) current.Add(token);
                if (end && current.Count > 0)
                {
                    sentences.Add(current.ToArray());
                    current.Clear();
                }
            }
            if (current.Count > 0) sentences.Add(current.ToArray());
        }
        return sentences;
    }
}
