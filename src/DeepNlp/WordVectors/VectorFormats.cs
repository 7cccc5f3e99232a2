using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DeepNlp.WordVectors;

/// <summary>Reads and writes word vectors in the word2vec text, word2vec binary and GloVe text formats.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>word2vec text (<c>-binary 0</c> of the C tool, gensim <c>save_word2vec_format(binary=False)</c>): a header
/// line <c>"count dimension"</c>, then one line per word: the word and its values separated by single spaces.</item>
/// <item>word2vec binary (<c>-binary 1</c>): the same header, then per word the UTF-8 word, a space, the values as
/// little-endian float32, and a newline.</item>
/// <item>GloVe text (the GloVe tool's <c>vectors.txt</c>): like word2vec text without the header line.</item>
/// </list>
/// Readers open <c>.gz</c> files transparently. Writers are atomic (<see cref="AtomicFile"/>) and print floats in
/// shortest round-trip form, so text round trips are exact. Bad input raises <see cref="FormatException"/> naming the
/// file and line.
/// </remarks>
public static class VectorFormats
{
    /// <summary>Writes <paramref name="embeddings"/> in word2vec text format.</summary>
    public static void WriteWord2VecText(WordEmbeddings embeddings, string path) => WriteText(embeddings, path, header: true);

    /// <summary>Writes <paramref name="embeddings"/> in GloVe text format (no header line).</summary>
    public static void WriteGloVeText(WordEmbeddings embeddings, string path) => WriteText(embeddings, path, header: false);

    /// <summary>Reads word2vec text format.</summary>
    /// <exception cref="FormatException">The header or a line is malformed (message names file and line).</exception>
    public static WordEmbeddings ReadWord2VecText(string path) => ReadText(path, header: true);

    /// <summary>Reads GloVe text format (dimension taken from the first line).</summary>
    /// <exception cref="FormatException">A line is malformed or has a different dimension (message names file and line).</exception>
    public static WordEmbeddings ReadGloVeText(string path) => ReadText(path, header: false);

    /// <summary>Writes <paramref name="embeddings"/> in word2vec binary format.</summary>
    /// <exception cref="ArgumentException">A word contains whitespace, which the format cannot hold.</exception>
    public static void WriteWord2VecBinary(WordEmbeddings embeddings, string path)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        CheckWords(embeddings);
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            w.Write(Encoding.ASCII.GetBytes($"{embeddings.Count} {embeddings.Dimension}\n"));
            for (int i = 0; i < embeddings.Count; i++)
            {
                w.Write(Encoding.UTF8.GetBytes(embeddings.Words[i]));
                w.Write((byte)' ');
                foreach (float v in embeddings.Row(i)) w.Write(v);
                w.Write((byte)'\n');
            }
        });
    }

    /// <summary>Reads word2vec binary format.</summary>
    /// <exception cref="FormatException">The header is malformed or the file ends early (message names the file).</exception>
    public static WordEmbeddings ReadWord2VecBinary(string path)
    {
        using var stream = Open(path);
        using var r = new BinaryReader(stream);
        var header = ReadToken(r, '\n', path);
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int n) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int d) || n < 0 || d < 1)
            throw new FormatException($"{path}: header '{header}' is not 'count dimension'.");
        var words = new string[n];
        var m = new float[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            words[i] = ReadToken(r, ' ', path).TrimStart('\n');
            for (int j = 0; j < d; j++)
            {
                try { m[(long)i * d + j] = r.ReadSingle(); }
                catch (EndOfStreamException) { throw new FormatException($"{path}: file ends inside the vector of word {i + 1} ('{words[i]}')."); }
            }
        }
        return new WordEmbeddings(words, m, d);
    }

    private static string ReadToken(BinaryReader r, char end, string path)
    {
        var bytes = new List<byte>();
        while (true)
        {
            int b = r.BaseStream.ReadByte();
            if (b < 0) throw new FormatException($"{path}: file ends early.");
            if (b == end) break;
            bytes.Add((byte)b);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void WriteText(WordEmbeddings e, string path, bool header)
    {
        ArgumentNullException.ThrowIfNull(e);
        CheckWords(e);
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            if (header) w.Write($"{e.Count} {e.Dimension}\n");
            for (int i = 0; i < e.Count; i++)
            {
                w.Write(e.Words[i]);
                foreach (float v in e.Row(i)) { w.Write(' '); w.Write(v.ToString("R", CultureInfo.InvariantCulture)); }
                w.Write('\n');
            }
        });
    }

    private static WordEmbeddings ReadText(string path, bool header)
    {
        using var reader = new StreamReader(Open(path), Encoding.UTF8);
        var words = new List<string>();
        var values = new List<float>();
        int d = -1, expected = -1, lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (header && lineNo == 1)
            {
                if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out expected) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out d) || d < 1)
                    throw new FormatException($"{path}:1: header '{line}' is not 'count dimension'.");
                continue;
            }
            if (d < 0) d = parts.Length - 1;
            if (parts.Length != d + 1)
                throw new FormatException($"{path}:{lineNo}: expected a word and {d} values, found {parts.Length} fields.");
            words.Add(parts[0]);
            for (int j = 1; j <= d; j++)
            {
                if (!float.TryParse(parts[j], NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                    throw new FormatException($"{path}:{lineNo}: '{parts[j]}' is not a number.");
                values.Add(v);
            }
        }
        if (d < 1) throw new FormatException($"{path}: no vectors found.");
        if (header && expected != words.Count)
            throw new FormatException($"{path}: header says {expected} words, file holds {words.Count}.");
        return new WordEmbeddings(words, values.ToArray(), d);
    }

    private static Stream Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(s, CompressionMode.Decompress) : new BufferedStream(s, 1 << 16);
    }

    private static void CheckWords(WordEmbeddings e)
    {
        foreach (var w in e.Words)
            if (w.Length == 0 || w.Any(char.IsWhiteSpace))
                throw new ArgumentException($"Word '{w}' is empty or contains whitespace; the vector formats cannot hold it.", nameof(e));
    }
}
