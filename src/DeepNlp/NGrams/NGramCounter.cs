using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Builds the n-gram trie of <see cref="NGramCounts"/>, one order at a time.</summary>
/// <remarks>
/// The corpus is flattened to one token array (<c>&lt;s&gt; w1 … wk &lt;/s&gt;</c> per sentence, <see cref="CorpusTokens"/>).
/// For order n every position p whose sentence has at least n-1 tokens before it gets the key
/// <c>(id of the (n-1)-gram ending at p-1, word at p, p)</c> packed into one 64-bit value; a radix sort on the first
/// two fields groups equal n-grams, already in trie order (prefix id, word). Scanning the sorted keys gives each
/// distinct n-gram its rank (its trie id), its count, and its suffix id (the (n-1)-gram ending at p), and overwrites
/// the per-position id array in place for the next order. Cost: a few linear passes per order, no hashing.
/// <para>Every pass is split into contiguous chunks, one per worker: the keys of a chunk of positions go to a range
/// fixed by a prefix sum of the chunks' sizes, and the scan of a chunk of sorted keys starts at a rank fixed by a
/// prefix sum of the chunks' new-group counts. Each rank, position and context slot is written by exactly one
/// chunk, so the tables are the same for any number of workers (tested against one worker).</para>
/// </remarks>
internal static unsafe class NGramCounter
{
    /// <summary>Chunks below this many items are not split.</summary>
    private const int MinParallel = 1 << 16;

    public static NGramCounts Count(IReadOnlyList<int[]> sentences, Vocabulary vocabulary, int order, int workers = 0)
    {
        int bos = vocabulary.BeginId, eos = vocabulary.EndId, v = vocabulary.Count;
        if (bos < 0 || eos < 0)
            throw new ArgumentException($"The vocabulary needs {SpecialTokens.BeginSentence} and {SpecialTokens.EndSentence} to count n-grams.", nameof(vocabulary));

        long total = 0;
        foreach (var s in sentences) total += s.Length + 2;
        if (total > int.MaxValue - 1) throw new ArgumentException("The corpus is too large to count in memory (over 2^31 tokens).", nameof(sentences));
        using var corpus = new CorpusTokens(total);
        for (int si = 0; si < sentences.Count; si++)
        {
            var s = sentences[si];
            for (int k = 0; k < s.Length; k++)
            {
                int id = s[k];
                if ((uint)id >= (uint)v || id == bos || id == eos)
                    throw new ArgumentException($"Sentence {si}, token {k}: id {id} is {((uint)id >= (uint)v ? "outside the vocabulary" : "a sentence boundary; boundaries are added by the counter")}.", nameof(sentences));
            }
            corpus.AddSentence(bos, eos, s);
        }
        return Count(corpus, vocabulary, order, workers);
    }

    /// <summary>Counts a flattened corpus whose ids are already checked against <paramref name="vocabulary"/>.</summary>
    /// <param name="corpus">The corpus; only read.</param>
    /// <param name="vocabulary">The vocabulary the ids refer to.</param>
    /// <param name="order">Highest order N.</param>
    /// <param name="workers">Threads to split the passes over; 0 for one per core (at most 8).</param>
    public static NGramCounts Count(CorpusTokens corpus, Vocabulary vocabulary, int order, int workers = 0)
    {
        int v = vocabulary.Count, length = corpus.Length;
        int* tokens = corpus.Tokens;
        byte* depth = corpus.Depth;
        var tables = new NGramTable[order];
        var unigramCounts = new int[v];
        for (int p = 0; p < length; p++)
            if (depth[p] > 0) unigramCounts[tokens[p]]++;
        var startsBos = new bool[v];
        startsBos[vocabulary.BeginId] = true;
        var identity = new int[v];
        for (int i = 0; i < v; i++) identity[i] = i;
        tables[0] = new NGramTable(1, identity, unigramCounts, [], startsBos);
        if (workers <= 0) workers = Math.Min(Environment.ProcessorCount, 8);
        if (order > 1) CountHigherOrders(corpus, tables, v, workers);
        return new NGramCounts(vocabulary, tables, length - corpus.Sentences, corpus.Sentences);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountHigherOrders(CorpusTokens corpus, NGramTable[] tables, int vocabularySize, int workers)
    {
        int length = corpus.Length;
        int* tokens = corpus.Tokens;
        byte* depth = corpus.Depth;
        int positionChunks = length < MinParallel ? 1 : workers;
        int m = 0;
        for (int p = 0; p < length; p++) if (depth[p] > 0) m++;
        // The per-position buffers are native and freed on return, so the estimator that runs next does not sit on
        // tens of megabytes of large-object-heap garbage (peak memory is a goal of the course benchmark).
        using var idsBuffer = new NativeBuffer<int>(length);   // id of the (n-1)-gram ending at each position
        using var keysBuffer = new NativeBuffer<ulong>(m);
        using var scratchBuffer = new NativeBuffer<ulong>(m);
        int* ids = idsBuffer.Pointer;
        ulong* keys = keysBuffer.Pointer, scratch = scratchBuffer.Pointer;
        var starts = new int[workers + 1];   // per chunk: first key index, then first rank
        new Span<int>(tokens, length).CopyTo(new Span<int>(ids, length));   // unigram id = word id
        int bitsPos = Bits(length - 1), bitsWord = Bits(vocabularySize - 1);
        for (int n = 2; n <= tables.Length; n++)
        {
            var below = tables[n - 2];
            int bitsCtx = Bits(below.Length - 1);
            bool packed = bitsPos + bitsWord + bitsCtx <= 64;
            var layout = new KeyLayout(bitsWord, packed ? bitsPos : 0);
            int minDepth = n - 1;

            // Positions that end an n-gram (depth ≥ n-1), chunk by chunk: how many, a prefix sum, then the keys.
            Parallel.For(0, positionChunks, c => starts[c + 1] = CountEnds(depth, Bound(length, positionChunks, c), Bound(length, positionChunks, c + 1), minDepth));
            PrefixSum(starts, positionChunks);
            m = starts[positionChunks];
            int[]? positions = packed ? null : new int[m];
            Parallel.For(0, positionChunks, c => BuildKeys(tokens, depth, ids, keys, positions, Bound(length, positionChunks, c), Bound(length, positionChunks, c + 1), starts[c], minDepth, layout));
            ulong* sorted;
            if (packed) sorted = RadixSort.Sort(keys, scratch, m, bitsPos, bitsPos + bitsWord + bitsCtx);
            else
            {
                // Too many bits to carry the position inside the key: sort (key, position) pairs instead.
                var managedKeys = new Span<ulong>(keys, m).ToArray();
                Array.Sort(managedKeys, positions);
                managedKeys.AsSpan().CopyTo(new Span<ulong>(keys, m));
                sorted = keys;
            }

            // New groups (distinct n-grams) per chunk of sorted keys; their prefix sum is each chunk's first rank.
            int keyChunks = m < MinParallel ? 1 : workers, keyCount = m;
            Parallel.For(0, keyChunks, c => starts[c + 1] = CountGroups(sorted, Bound(keyCount, keyChunks, c), Bound(keyCount, keyChunks, c + 1), layout));
            PrefixSum(starts, keyChunks);
            int distinct = starts[keyChunks];
            var table = new NGramTable(n, new int[distinct], new int[distinct], new int[distinct], new bool[distinct]);
            var children = new int[below.Length + 1];   // children[h]: the first rank whose context is ≥ h
            Parallel.For(0, keyChunks, c => AssignRanks(sorted, positions, ids, Bound(keyCount, keyChunks, c), Bound(keyCount, keyChunks, c + 1), starts[c], layout, table, below.StartsWithBos, children));
            // Each group's first key index becomes its size.
            var counts = table.Counts;
            for (int r = 0; r < distinct; r++) counts[r] = (r + 1 < distinct ? counts[r + 1] : m) - counts[r];
            int lastCtx = distinct == 0 ? -1 : layout.Context(sorted[m - 1]);
            for (int h = lastCtx + 1; h <= below.Length; h++) children[h] = distinct;
            below.Children = children;
            tables[n - 1] = table;
        }
    }

    /// <summary>How a sorted value packs (context id, word[, position]): the n-gram key is <c>value &gt;&gt; Shift</c>,
    /// its word the low <c>WordBits</c> bits of the key, its context the rest; the position is below <c>Shift</c>.</summary>
    private readonly record struct KeyLayout(int WordBits, int Shift)
    {
        public ulong Key(ulong value) => value >> Shift;
        public int Word(ulong key) => (int)(key & ((1UL << WordBits) - 1));
        public int Context(ulong value) => (int)(value >> Shift >> WordBits);
        public int Position(ulong value) => (int)(value & ((1UL << Shift) - 1));
    }

    private static void PrefixSum(int[] starts, int chunks)
    {
        starts[0] = 0;
        for (int c = 0; c < chunks; c++) starts[c + 1] += starts[c];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountEnds(byte* depth, int from, int to, int minDepth)
    {
        int count = 0;
        for (int p = from; p < to; p++) if (depth[p] >= minDepth) count++;
        return count;
    }

    /// <summary>Writes the key of every position in [<paramref name="from"/>, <paramref name="to"/>) that ends an n-gram,
    /// from index <paramref name="i"/> on: (id of the (n-1)-gram ending before it, its word[, the position]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BuildKeys(int* tokens, byte* depth, int* ids, ulong* keys, int[]? positions, int from, int to, int i, int minDepth, KeyLayout layout)
    {
        int wordBits = layout.WordBits, shift = layout.Shift;
        for (int p = from; p < to; p++)
        {
            if (depth[p] < minDepth) continue;
            ulong key = (((ulong)(uint)ids[p - 1]) << wordBits) | (uint)tokens[p];
            if (positions is null) keys[i] = (key << shift) | (uint)p;
            else { keys[i] = key; positions[i] = p; }
            i++;
        }
    }

    /// <summary>How many sorted values in [<paramref name="start"/>, <paramref name="end"/>) begin a new n-gram (differ
    /// from the value before them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountGroups(ulong* sorted, int start, int end, KeyLayout layout)
    {
        int count = 0, shift = layout.Shift;
        ulong previous = start == 0 ? ulong.MaxValue : sorted[start - 1] >> shift;
        for (int i = start; i < end; i++)
        {
            ulong key = sorted[i] >> shift;
            if (key != previous) { count++; previous = key; }
        }
        return count;
    }

    /// <summary>For the sorted values in [<paramref name="start"/>, <paramref name="end"/>), whose first new n-gram has
    /// rank <paramref name="firstRank"/>: each new n-gram's word, suffix id, &lt;s&gt; flag and first key index, the
    /// context offsets up to its context, and every position's new id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AssignRanks(ulong* sorted, int[]? positions, int* ids, int start, int end, int firstRank, KeyLayout layout,
        NGramTable table, bool[] belowBos, int[] children)
    {
        int[] words = table.Words, suffix = table.Suffix, firstIndex = table.Counts;
        bool[] bos = table.StartsWithBos;
        int shift = layout.Shift;
        int r = firstRank - 1;
        ulong previous = start == 0 ? ulong.MaxValue : sorted[start - 1] >> shift;
        int previousCtx = start == 0 ? -1 : layout.Context(sorted[start - 1]);
        for (int i = start; i < end; i++)
        {
            ulong value = sorted[i];
            ulong key = value >> shift;
            int p = positions is null ? layout.Position(value) : positions[i];
            // ids[p] is read and written at a random place: ask for it a few keys ahead.
            if (Sse.IsSupported && positions is null && i + 16 < end) Sse.Prefetch0(ids + layout.Position(sorted[i + 16]));
            if (key != previous)
            {
                r++;
                previous = key;
                int ctx = layout.Context(value);
                words[r] = layout.Word(key);
                suffix[r] = ids[p];
                bos[r] = belowBos[ctx];
                firstIndex[r] = i;
                for (int h = previousCtx + 1; h <= ctx; h++) children[h] = r;
                previousCtx = ctx;
            }
            ids[p] = r;
        }
    }

    private static int Bound(int length, int chunks, int c) => (int)((long)length * c / chunks);

    private static int Bits(int maxValue) => maxValue <= 0 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)maxValue);
}
