using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeepNlp.NGrams;

/// <summary>Writes a model as ARPA text straight into a UTF-8 byte buffer: the same bytes as
/// <see cref="ArpaFile.Write(BackoffModel, TextWriter)"/> through a UTF-8 encoder, without the char buffer and encoder.</summary>
/// <remarks>Tokens are encoded once; numbers are formatted by <see cref="ShortestFloatFormatter"/> into the byte buffer
/// (byte for byte the shortest round-trip form of <c>float.TryFormat</c>, which the text path writes, at a fraction of
/// its cost). Each order's lines are the level's entries in index order (the trie's depth-first order), cut into
/// chunks of 32K lines that are formatted in parallel and written in order, one batch while the next is formatted; a
/// chunk finds its first line's context words by binary search in the child offsets, then moves them forward block by
/// block. The output stream's data is handed to the disk batch by batch (<see cref="WriteBehind"/>).</remarks>
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
        stream.Write(Encoding.UTF8.GetBytes(header.ToString()));
        // Formatting the numbers is most of the work: chunks of lines (each order's, in order, the section header at
        // the front of its first chunk) are formatted in parallel, each into its own buffer, and reach the stream in
        // order. Two sets of buffers alternate, so one batch is written out while the next is formatted; a few chunks
        // in flight bound the memory (not the whole 250 MB file).
        var items = new List<(int Level, int Start, int End)>();
        for (int level = 0; level < model.Order; level++)
        {
            int entries = model.Words[level].Length;
            for (int start = 0; start == 0 || start < entries; start += ChunkLines) items.Add((level, start, Math.Min(entries, start + ChunkLines)));
        }
        int slots = Math.Max(1, Environment.ProcessorCount);
        var sets = new Output[2][];
        for (int k = 0; k < 2; k++)
        {
            sets[k] = new Output[slots];
            for (int i = 0; i < slots; i++) sets[k][i] = new Output(stream, grow: true);
        }
        Task writing = Task.CompletedTask;
        for (int first = 0, round = 0; first < items.Count; first += slots, round++)
        {
            var set = sets[round & 1];
            int batch = Math.Min(slots, items.Count - first), from = first;
            Parallel.For(0, batch, i =>
            {
                var (level, start, end) = items[from + i];
                if (start == 0) set[i].Append(Encoding.UTF8.GetBytes($"\n\\{level + 1}-grams:\n"));
                FormatLines(model, utf8, set[i], level, start, end);
            });
            writing.GetAwaiter().GetResult();   // the previous batch is out, so its set may be formatted into next round
            writing = Task.Run(() =>
            {
                for (int i = 0; i < batch; i++) set[i].Flush();
                WriteBehind.Start(stream);   // the disk starts on it now, not all at the final flush to disk
            });
        }
        writing.GetAwaiter().GetResult();
        stream.Write("\n\\end\\\n"u8);
    }

    private const int ChunkLines = 1 << 15;

    /// <summary>Formats the lines of entries [<paramref name="start"/>, <paramref name="end"/>) of one level (in index
    /// order, which is the trie's depth-first order) into <paramref name="output"/>.</summary>
    /// <remarks>Compiled optimised at once: it runs a few hundred times, each over thousands of lines, so the tiered
    /// JIT's first versions would format a large share of the file.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FormatLines(BackoffModel model, byte[][] utf8, Output output, int level, int start, int end)
    {
        var words = model.Words[level];
        var probs = model.Log10Probs[level];
        var backoffs = level < model.Order - 1 ? model.Log10Backoffs[level] : null;
        var parents = level > 0 ? model.Children[level - 1]! : null;
        // ancestors[k]: the entry in level k above the current line's entry (k < level); prefix: their tokens, each
        // followed by a space, the first k + 1 of them ending at prefixEnds[k].
        var ancestors = new int[Math.Max(1, level)];
        var prefixEnds = new int[Math.Max(1, level)];
        var prefix = new byte[256];
        int prefixLength = 0;
        int parentEnd = -1;   // the current parent's block end in this level
        bool first = true;
        for (int g = start; g < end; g++)
        {
            if (level == 0 && g == model.Vocabulary.PaddingId) continue;
            if (level > 0 && g >= parentEnd)
            {
                // The chunk's first line finds its ancestors by binary search; after that the lines run in trie order,
                // so each ancestor only ever moves forward, to the next non-empty block, and only the tokens of the
                // ancestors that moved are copied again.
                int changed = 0;
                if (first) Ancestors(model, level, g, ancestors);
                else changed = Advance(model, level, g, ancestors);
                first = false;
                parentEnd = parents![ancestors[level - 1] + 1];
                prefixLength = changed == 0 ? 0 : prefixEnds[changed - 1];
                for (int k = changed; k < level; k++)
                {
                    var t = utf8[model.Words[k][ancestors[k]]];
                    if (prefix.Length < prefixLength + t.Length + 1) Array.Resize(ref prefix, 2 * (prefixLength + t.Length + 1));
                    t.CopyTo(prefix, prefixLength);
                    prefixLength += t.Length;
                    prefix[prefixLength++] = (byte)' ';
                    prefixEnds[k] = prefixLength;
                }
            }
            var token = utf8[words[g]];
            var line = output.Reserve(prefixLength + token.Length + 2 * ShortestFloatFormatter.MaxBytes + 3);
            int at = ShortestFloatFormatter.Format(probs[g], line);
            line[at++] = (byte)'\t';
            prefix.AsSpan(0, prefixLength).CopyTo(line[at..]);
            at += prefixLength;
            token.CopyTo(line[at..]);
            at += token.Length;
            if (backoffs is not null)
            {
                line[at++] = (byte)'\t';
                at += ShortestFloatFormatter.Format(backoffs[g], line[at..]);
            }
            line[at++] = (byte)'\n';
            output.Advance(at);
        }
    }

    /// <summary>Moves <paramref name="ancestors"/> forward to the path of entry <paramref name="g"/> of
    /// <paramref name="level"/>, which lies at or after the entry they were the path of; returns the first level whose
    /// ancestor moved (those above it, lower levels, did not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Advance(BackoffModel model, int level, int g, int[] ancestors)
    {
        int entry = g;
        for (int k = level - 1; k >= 0; k--)
        {
            var block = model.Children[k]!;
            int a = ancestors[k];
            if (block[a + 1] > entry) return k + 1;   // still inside this block: the ancestors above did not move either
            while (block[a + 1] <= entry) a++;
            ancestors[k] = a;
            entry = a;
        }
        return 0;
    }

    /// <summary>The entries of levels 0 … level-1 on the path to entry <paramref name="g"/> of <paramref name="level"/>.</summary>
    private static void Ancestors(BackoffModel model, int level, int g, int[] ancestors)
    {
        int entry = g;
        for (int k = level - 1; k >= 0; k--)
        {
            entry = Parent(model.Children[k]!, entry);
            ancestors[k] = entry;
        }
    }

    /// <summary>The context whose block holds <paramref name="entry"/>: the last index whose offset is ≤ entry.</summary>
    private static int Parent(int[] block, int entry)
    {
        int lo = 0, hi = block.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (block[mid] <= entry) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>A byte buffer flushed to the stream in large blocks; with <paramref name="grow"/> it grows instead of
    /// flushing when full (a parallel worker's chunk must reach the stream only when its turn comes).</summary>
    private sealed class Output(Stream stream, bool grow = false)
    {
        private byte[] buffer = new byte[BufferSize];
        private int used;

        /// <summary>Room for at least <paramref name="bytes"/> more bytes at the end of the buffer.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Span<byte> Reserve(int bytes)
        {
            if (used + bytes > buffer.Length && grow)
                Array.Resize(ref buffer, Math.Max(2 * buffer.Length, used + bytes));
            else if (used + bytes > buffer.Length)
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
