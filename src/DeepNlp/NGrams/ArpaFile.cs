using System.Globalization;
using System.Text;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Reads and writes n-gram models in the ARPA text format (SRILM, KenLM, NLTK-compatible tools).</summary>
/// <remarks>
/// Layout: a <c>\data\</c> header with one <c>ngram n=count</c> line per order, then one <c>\n-grams:</c> section per
/// order with lines <c>log10p TAB w1 … wn [TAB log10backoff]</c>, then <c>\end\</c>. Probabilities are written in the
/// shortest form that reads back to the same 32-bit float, so a written model read back gives identical
/// probabilities. Lower orders always carry a backoff column (0 when the n-gram is not a context), as lmplz writes.
/// </remarks>
public static class ArpaFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <remarks>Byte for byte the text <see cref="Write(BackoffModel, TextWriter)"/> writes, in UTF-8 without a BOM, but
    /// formatted straight into a byte buffer (<see cref="ArpaUtf8Writer"/>): a 5-gram model of a few million tokens is a
    /// quarter of a gigabyte of text, and going through a TextWriter's char buffer and encoder doubled the write time.</remarks>
    public static void Write(BackoffModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckTokens(model);
        AtomicFile.Write(path, stream => ArpaUtf8Writer.Write(model, stream));
    }

    /// <summary>Throws when a token cannot be written to ARPA (empty, or with whitespace).</summary>
    internal static void CheckTokens(BackoffModel model)
    {
        foreach (var t in model.Vocabulary.Tokens)
            if (t.Length == 0 || t.AsSpan().IndexOfAny(" \t\r\n") >= 0)
                throw new ArgumentException($"Token '{t}' is empty or contains whitespace and cannot be written to ARPA.", nameof(model));
    }

    /// <summary>Writes <paramref name="model"/> as ARPA text.</summary>
    public static void Write(BackoffModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        CheckTokens(model);
        writer.WriteLine();
        writer.WriteLine("\\data\\");
        for (int n = 1; n <= model.Order; n++) writer.WriteLine($"ngram {n}={model.NGramCount(n)}");
        var prefix = new char[256];
        for (int n = 1; n <= model.Order; n++)
        {
            writer.WriteLine();
            writer.WriteLine($"\\{n}-grams:");
            WriteLevel(model, writer, ref prefix, 0, 0, -1, n);
        }
        writer.WriteLine();
        writer.WriteLine("\\end\\");
    }

    /// <summary>Writes the n-grams of order <paramref name="n"/> below one trie node; <paramref name="prefix"/> holds "w1 … wk " so far.</summary>
    private static void WriteLevel(BackoffModel model, TextWriter writer, ref char[] prefix, int prefixLength, int level, int parent, int n)
    {
        var words = model.Words[level];
        var tokens = model.Vocabulary.Tokens;
        int start = level == 0 ? 0 : model.Children[level - 1]![parent];
        int end = level == 0 ? words.Length : model.Children[level - 1]![parent + 1];
        Span<char> number = stackalloc char[32];
        for (int g = start; g < end; g++)
        {
            if (level == 0 && g == model.Vocabulary.PaddingId) continue;
            var token = tokens[words[g]];
            if (level < n - 1)
            {
                if (prefix.Length < prefixLength + token.Length + 1) Array.Resize(ref prefix, 2 * (prefixLength + token.Length + 1));
                token.CopyTo(prefix.AsSpan(prefixLength));
                prefix[prefixLength + token.Length] = ' ';
                WriteLevel(model, writer, ref prefix, prefixLength + token.Length + 1, level + 1, g, n);
                continue;
            }
            model.Log10Probs[level][g].TryFormat(number, out int written, default, CultureInfo.InvariantCulture);
            writer.Write(number[..written]);
            writer.Write('\t');
            writer.Write(prefix, 0, prefixLength);
            writer.Write(token);
            if (level < model.Order - 1)
            {
                model.Log10Backoffs[level]![g].TryFormat(number, out written, default, CultureInfo.InvariantCulture);
                writer.Write('\t');
                writer.Write(number[..written]);
            }
            writer.Write('\n');
        }
    }

    /// <summary>Reads an ARPA model.</summary>
    /// <param name="path">The ARPA file.</param>
    /// <param name="vocabulary">Vocabulary to map words to; null builds one from the unigrams in file order
    /// (&lt;unk&gt; is added when the file has none). Vocabulary words missing from the file get probability 0.</param>
    /// <exception cref="FormatException">The file is malformed; the message names the file and line.</exception>
    public static BackoffModel Read(string path, Vocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new ArpaReader(File.ReadAllBytes(path), path, vocabulary).Read();
    }

    /// <summary>Reads an ARPA model from text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">The text is malformed; the message names the source and line.</exception>
    public static BackoffModel Read(TextReader reader, string source, Vocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ArpaReader(Encoding.UTF8.GetBytes(reader.ReadToEnd()), source, vocabulary).Read();
    }
}
