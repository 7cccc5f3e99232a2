using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>UTF-8 text of one sentence per line, words separated by spaces or tabs, to a vocabulary and a
/// <see cref="CorpusTokens"/>, without a string per token.</summary>
/// <remarks>
/// The text is cut at line ends into one part per worker. Each part's words are counted by their bytes
/// (<see cref="Utf8WordCounter"/>) and numbered in the part; the parts' counters are merged into the first, the
/// vocabulary is built from the merged counts (its ids depend on the counts only), and each part then writes its
/// sentences as ids at its own offset. The result is the same for any number of parts (tested).
/// </remarks>
internal static unsafe class Utf8CorpusReader
{
    /// <summary>Parts smaller than this are not split further.</summary>
    private const int MinPart = 1 << 20;

    /// <summary>Reads the file into native memory (freed before returning) and encodes it.</summary>
    public static (Vocabulary Vocabulary, CorpusTokens Corpus) ReadFile(string path, int minCount, int workers = 0)
    {
        using var handle = File.OpenHandle(path);
        long length = RandomAccess.GetLength(handle);
        if (length > int.MaxValue) throw new ArgumentException($"{path}: over 2 GB of text cannot be counted in memory.", nameof(path));
        using var buffer = new NativeBuffer<byte>((int)length);
        byte* text = buffer.Pointer;
        long read = 0;
        while (read < length)
        {
            int n = RandomAccess.Read(handle, new Span<byte>(text + read, (int)(length - read)), read);
            if (n == 0) throw new IOException($"{path}: the file shrank while it was read.");
            read += n;
        }
        return Read(text, (int)length, minCount, path, workers);
    }

    /// <summary>Encodes <paramref name="length"/> bytes of UTF-8 text at <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not valid UTF-8; the message names the source and line.</exception>
    public static (Vocabulary Vocabulary, CorpusTokens Corpus) Read(byte* text, int length, int minCount, string source, int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (workers <= 0) workers = Math.Min(Environment.ProcessorCount, 8);
        int partCount = Math.Clamp(length / MinPart, 1, workers);
        var bounds = new int[partCount + 1];
        bounds[partCount] = length;
        for (int k = 1; k < partCount; k++)
        {
            int at = Math.Max(bounds[k - 1], (int)((long)length * k / partCount));
            int eol = new ReadOnlySpan<byte>(text + at, length - at).IndexOf((byte)'\n');
            bounds[k] = eol < 0 ? length : at + eol + 1;
        }
        var parts = new Part[partCount];
        try
        {
            bool valid = true;
            Parallel.For(0, partCount, k =>
            {
                var whole = new ReadOnlySpan<byte>(text, length);
                if (!Utf8.IsValid(whole[bounds[k]..bounds[k + 1]])) { valid = false; return; }
                parts[k] = Part.Scan(whole, bounds[k], bounds[k + 1]);
            });
            if (!valid) throw new FormatException($"{source}:{FirstInvalidLine(new ReadOnlySpan<byte>(text, length))}: not valid UTF-8.");

            // Words numbered in the first part keep their numbers; each later part's numbers are mapped into it.
            var all = new ReadOnlySpan<byte>(text, length);
            var merged = parts[0].Counter;
            var toMerged = new int[partCount][];
            for (int k = 1; k < partCount; k++) toMerged[k] = merged.Merge(all, parts[k].Counter);
            var counts = new Dictionary<string, long>(merged.Count, StringComparer.Ordinal);
            var words = new string[merged.Count];
            for (int i = 0; i < words.Length; i++)
            {
                (words[i], long count) = merged.Word(all, i);
                counts[words[i]] = count;
            }
            var vocabulary = Vocabulary.FromCounts(counts, minCount);
            var ids = new int[words.Length];
            for (int i = 0; i < ids.Length; i++) ids[i] = vocabulary[words[i]];

            var offsets = new long[partCount + 1];
            int sentences = 0;
            for (int k = 0; k < partCount; k++)
            {
                offsets[k + 1] = offsets[k] + parts[k].Tokens + 2L * parts[k].Lines.Count;
                sentences += parts[k].Lines.Count;
            }
            var corpus = new CorpusTokens(offsets[partCount]);
            int bos = vocabulary.BeginId, eos = vocabulary.EndId;
            Parallel.For(0, partCount, k => parts[k].Write(corpus, (int)offsets[k], ids, toMerged[k], bos, eos));
            corpus.SetLength((int)offsets[partCount], sentences);
            return (vocabulary, corpus);
        }
        finally
        {
            foreach (var part in parts) part?.Dispose();
        }
    }

    private static int FirstInvalidLine(ReadOnlySpan<byte> utf8)
    {
        int line = 1;
        while (utf8.Length > 0)
        {
            int eol = utf8.IndexOf((byte)'\n');
            if (!Utf8.IsValid(eol >= 0 ? utf8[..eol] : utf8)) return line;
            utf8 = eol >= 0 ? utf8[(eol + 1)..] : default;
            line++;
        }
        return line;
    }

    /// <summary>One part's words: their numbers in its own counter, token by token, and the words per non-blank line.</summary>
    private sealed class Part : IDisposable
    {
        public Utf8WordCounter Counter { get; } = new();
        public List<int> Lines { get; } = [];
        public int* Numbers { get; private set; }
        public int Tokens { get; private set; }

        /// <summary>Counts the words of lines [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="text"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Part Scan(ReadOnlySpan<byte> text, int from, int to)
        {
            var part = new Part();
            // A word takes at least one byte and one separator: at most (bytes + 1) / 2 words. Pages never written
            // cost no memory.
            part.Numbers = (int*)NativeMemory.Alloc((nuint)((to - from) / 2 + 1), sizeof(int));
            int tokens = 0, at = from;
            while (at < to)
            {
                int eol = text[at..to].IndexOf((byte)'\n');
                int lineEnd = eol >= 0 ? at + eol : to;
                int n = 0;
                while (at < lineEnd)
                {
                    int start = text[at..lineEnd].IndexOfAnyExcept(" \t\r"u8);
                    if (start < 0) break;
                    start += at;
                    int length = text[start..lineEnd].IndexOfAny(" \t\r"u8);
                    if (length < 0) length = lineEnd - start;
                    part.Numbers[tokens++] = part.Counter.Add(text, start, length);
                    n++;
                    at = start + length;
                }
                if (n > 0) part.Lines.Add(n);
                at = lineEnd + 1;
            }
            part.Tokens = tokens;
            return part;
        }

        /// <summary>Writes this part's sentences into <paramref name="corpus"/> from <paramref name="at"/> on, each word as
        /// <paramref name="ids"/>[its number in the merged counter (<paramref name="toMerged"/>; null: the same)].</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(CorpusTokens corpus, int at, int[] ids, int[]? toMerged, int bos, int eos)
        {
            int* tokens = corpus.Tokens, numbers = Numbers;
            byte* depth = corpus.Depth;
            int next = 0;
            foreach (int n in Lines)
            {
                tokens[at] = bos; depth[at++] = 0;
                for (int i = 0; i < n; i++)
                {
                    int number = numbers[next++];
                    tokens[at] = ids[toMerged is null ? number : toMerged[number]];
                    depth[at++] = (byte)Math.Min(i + 1, 255);
                }
                tokens[at] = eos; depth[at++] = (byte)Math.Min(n + 1, 255);
            }
        }

        public void Dispose()
        {
            NativeMemory.Free(Numbers);
            Numbers = null;
        }
    }
}
