using System.Globalization;
using System.Text;

namespace DeepNlp.NGrams;

/// <summary>Writes a model as ARPA text straight into a UTF-8 byte buffer: the same bytes as
/// <see cref="ArpaFile.Write(BackoffModel, TextWriter)"/> through a UTF-8 encoder, without the char buffer and encoder.</summary>
/// <remarks>Tokens are encoded once; numbers are formatted with <c>float.TryFormat</c> into the byte buffer (the same
/// shortest round-trip form as the text path); the "w1 … wk " prefix of a trie node is kept as bytes.</remarks>
internal static class ArpaUtf8Writer
{
    private const int BufferSize = 1 << 20;

    public static void Write(BackoffModel model, Stream stream)
    {
        var tokens = model.Vocabulary.Tokens;
        var utf8 = new byte[tokens.Count][];
        for (int i = 0; i < utf8.Length; i++) utf8[i] = Encoding.UTF8.GetBytes(tokens[i]);
        var header = new StringBuilder("\n\\data\\\n");
        for (int n = 1; n <= model.Order; n++) header.Append(CultureInfo.InvariantCulture, $"ngram {n}={model.NGramCount(n)}\n");
        var output = new Output(stream);
        output.Append(Encoding.UTF8.GetBytes(header.ToString()));
        var prefix = new byte[1024];
        for (int n = 1; n <= model.Order; n++)
        {
            output.Append(Encoding.UTF8.GetBytes($"\n\\{n}-grams:\n"));
            WriteLevel(model, utf8, output, ref prefix, 0, 0, -1, n);
        }
        output.Append("\n\\end\\\n"u8);
        output.Flush();
    }

    private static void WriteLevel(BackoffModel model, byte[][] utf8, Output output, ref byte[] prefix, int prefixLength, int level, int parent, int n)
    {
        var words = model.Words[level];
        int start = level == 0 ? 0 : model.Children[level - 1]![parent];
        int end = level == 0 ? words.Length : model.Children[level - 1]![parent + 1];
        var probs = model.Log10Probs[level];
        var backoffs = level < model.Order - 1 ? model.Log10Backoffs[level] : null;
        for (int g = start; g < end; g++)
        {
            if (level == 0 && g == model.Vocabulary.PaddingId) continue;
            var token = utf8[words[g]];
            if (level < n - 1)
            {
                if (prefix.Length < prefixLength + token.Length + 1) Array.Resize(ref prefix, 2 * (prefixLength + token.Length + 1));
                token.CopyTo(prefix, prefixLength);
                prefix[prefixLength + token.Length] = (byte)' ';
                WriteLevel(model, utf8, output, ref prefix, prefixLength + token.Length + 1, level + 1, g, n);
                continue;
            }
            var line = output.Reserve(prefixLength + token.Length + 2 * 32 + 3);
            probs[g].TryFormat(line, out int at, default, CultureInfo.InvariantCulture);
            line[at++] = (byte)'\t';
            prefix.AsSpan(0, prefixLength).CopyTo(line[at..]);
            at += prefixLength;
            token.CopyTo(line[at..]);
            at += token.Length;
            if (backoffs is not null)
            {
                line[at++] = (byte)'\t';
                backoffs[g].TryFormat(line[at..], out int written, default, CultureInfo.InvariantCulture);
                at += written;
            }
            line[at++] = (byte)'\n';
            output.Advance(at);
        }
    }

    /// <summary>A growable byte buffer flushed to the stream in large blocks.</summary>
    private sealed class Output(Stream stream)
    {
        private byte[] buffer = new byte[BufferSize];
        private int used;

        /// <summary>Room for at least <paramref name="bytes"/> more bytes at the end of the buffer.</summary>
        public Span<byte> Reserve(int bytes)
        {
            if (used + bytes > buffer.Length)
            {
                Flush();
                if (bytes > buffer.Length) buffer = new byte[bytes];
            }
            return buffer.AsSpan(used);
        }

        public void Advance(int bytes) => used += bytes;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            used += bytes.Length;
        }

        public void Flush()
        {
            stream.Write(buffer, 0, used);
            used = 0;
        }
    }
}
