using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using DeepNlp.Kernels;

namespace DeepNlp.NGrams;

/// <summary>KenLM's probing layout of a <see cref="BackoffModel"/>, built from its trie as a scoring index: per order
/// an open-addressing table whose slot holds the n-gram's key, log10 p and log10 b together, so that matching one
/// order costs one cache line; and the state-carrying scoring loop over it, several sentences at a time.</summary>
/// <remarks>
/// <para>Layout. Unigrams are an array indexed by word id. An n-gram of order k+1 ≥ 2 is keyed by (slot of its
/// k-word prefix in the order-k table, last word), one 64-bit key, in a linear-probing table of
/// <see cref="SlotsPerEntry"/> slots per n-gram (KenLM's default <c>-p 1.5</c>). KenLM keys the slot by a 64-bit hash
/// of the n-gram's words and trusts it (a collision would give a wrong score); the prefix slot identifies the prefix
/// exactly, so this key is exact, and it takes the same one probe per order: the state already holds the slots of the
/// matched history.</para>
/// <para>State, as KenLM carries it: the slots and backoffs of the n-grams that end at the previous token (its
/// unigram, bigram, … up to the longest one matched, at most order − 1 of them). A token tries the orders upward from the
/// bigram, stops at the first miss, takes the longest match's probability and adds the backoffs of the longer stored
/// contexts. An n-gram with no continuation and backoff 0 is dropped from the state (KenLM marks it with a backoff of
/// −0.0, and so does this index): its lookup could only miss, and its backoff adds nothing. Every score is the same
/// double as <see cref="BackoffModel.ScoreSentence"/>'s (the same float operands added in the same order), which the
/// tests check token by token; the one exception would be a stored backoff of −0 on a context with continuations,
/// kept here as +0, which changes a sum only when the sum is itself −0.</para>
/// <para>Speed. Matching an order is a cache miss on a large model. The lookups of one token are independent (their
/// keys come from the state), and so are the sentences, so <see cref="Score"/> runs <see cref="Lanes"/> sentences in
/// turn on one thread and prefetches the home slots of each one's next token while it works on the others; the tables
/// sit in 2 MiB pages where the system gives them (<see cref="HugePageBlock"/>). Measured (bench/README.md, issue 21,
/// branch score21): the pages and the interleaving pay, the prefetch showed no gain of its own on a loaded machine.</para>
/// </remarks>
internal sealed unsafe class ProbingIndex
{
    /// <summary>Table slots per stored n-gram (KenLM's probing multiplier).</summary>
    internal const double SlotsPerEntry = 1.5;

    /// <summary>Sentences scored in turn on one thread (enough to cover a DRAM round trip with other work).</summary>
    internal const int Lanes = 8;

    private const ulong EmptyKey = ulong.MaxValue;   // a prefix slot of 2^32 - 1 never exists
    private const uint NoExtensionBits = 0x8000_0000; // the bits of −0.0f

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public ulong Key;
        public float Log10Probability;
        public float Log10Backoff;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Unigram
    {
        public float Log10Probability;
        public float Log10Backoff;
    }

    // All tables live in one native block (2 MiB pages where the system gives them, Kernels/HugePageBlock.cs), each
    // 64-byte aligned so a slot never straddles two cache lines; the block is kept here, which keeps the pointers valid.
    private readonly HugePageBlock _memory;
    private readonly Unigram* _unigrams;
    private readonly Entry** _tables;     // [k-1]: the (k+1)-grams, k = 1 .. order-1
    private readonly uint* _capacities;
    private readonly int _order, _begin, _end, _padding, _vocabularyCount;

    /// <summary>Builds the index of <paramref name="model"/> (a few hundred nanoseconds per n-gram).</summary>
    /// <exception cref="NotSupportedException">An order has more n-grams than one table can hold.</exception>
    public ProbingIndex(BackoffModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var children = model.Children;
        var prob = model.Log10Probs;
        var backoff = model.Log10Backoffs;
        var v = model.Vocabulary;
        _order = model.Order;
        (_begin, _end, _padding, _vocabularyCount) = (v.BeginId, v.EndId, v.PaddingId, v.Count);
        if (prob[0].Length != v.Count) throw new ArgumentException($"The model has {prob[0].Length:N0} unigrams for {v.Count:N0} vocabulary entries.", nameof(model));

        // Layout: unigrams, table pointers and capacities, then one table per order ≥ 2.
        int tables = _order - 1;
        var capacities = new uint[tables];
        for (int k = 1; k < _order; k++)
        {
            long slotCount = Math.Max(model.Words[k].Length + 1L, (long)Math.Ceiling(model.Words[k].Length * SlotsPerEntry));
            if (slotCount > uint.MaxValue / 2) throw new NotSupportedException($"{model.Words[k].Length:N0} {k + 1}-grams need more slots than a table holds.");
            capacities[k - 1] = (uint)slotCount;
        }
        static long Align(long bytes) => (bytes + 63) & ~63L;
        long header = Align(8L * v.Count) + Align(12L * tables), bytes = header;
        foreach (uint c in capacities) bytes += Align(16L * c);
        _memory = new HugePageBlock(bytes);
        var at = (byte*)_memory.Pointer;
        _unigrams = (Unigram*)at;
        _tables = (Entry**)(at + Align(8L * v.Count));
        _capacities = (uint*)(_tables + tables);
        at += header;
        for (int k = 1; k < _order; k++)
        {
            _tables[k - 1] = (Entry*)at;
            _capacities[k - 1] = capacities[k - 1];
            at += Align(16L * capacities[k - 1]);
        }
        Bytes = bytes;

        for (int w = 0; w < v.Count; w++)
            _unigrams[w] = new Unigram { Log10Probability = prob[0][w], Log10Backoff = Marked(backoff[0]?[w] ?? 0, children[0], w) };
        int[] prefixSlots = [];   // slot of each trie entry of the level below (level 0: the word id itself)
        for (int k = 1; k < _order; k++) prefixSlots = BuildTable(model, k, prefixSlots);
    }

    /// <summary>Fills the table of the (k+1)-grams from trie level k; returns each entry's slot (none for the top order,
    /// which is nobody's prefix).</summary>
    private int[] BuildTable(BackoffModel model, int k, int[] prefixSlots)
    {
        var level = model.Words[k];
        var parents = model.Children[k - 1]!;
        var children = model.Children[k];
        var prob = model.Log10Probs[k];
        var backoff = model.Log10Backoffs[k];
        var table = _tables[k - 1];
        uint capacity = _capacities[k - 1];
        for (uint s = 0; s < capacity; s++) table[s].Key = EmptyKey;
        var keys = new ulong[level.Length];
        for (int p = 0; p < parents.Length - 1; p++)
        {
            ulong prefix = (ulong)(uint)(k == 1 ? p : prefixSlots[p]) << 32;
            for (int g = parents[p]; g < parents[p + 1]; g++) keys[g] = prefix | (uint)level[g];
        }
        var slots = k < _order - 1 ? new int[level.Length] : [];
        // Every insert lands on a random line of a table far larger than the caches: ask for the line of the key a
        // few inserts ahead, so that its miss overlaps the inserts in between.
        const int Ahead = 16;
        for (int g = 0; g < keys.Length; g++)
        {
            if (Sse.IsSupported && g + Ahead < keys.Length) Sse.Prefetch0(table + Bucket(keys[g + Ahead], capacity));
            ulong key = keys[g];
            uint s = Bucket(key, capacity);
            while (table[s].Key != EmptyKey) s = s + 1 == capacity ? 0 : s + 1;
            table[s] = new Entry { Key = key, Log10Probability = prob[g], Log10Backoff = Marked(backoff?[g] ?? 0, children, g) };
            if (slots.Length > 0) slots[g] = (int)s;
        }
        return slots;
    }

    /// <summary>Bytes held by the index.</summary>
    public long Bytes { get; }

    /// <summary>The backoff as stored in a slot: −0.0 for an n-gram with backoff 0 and no continuation (KenLM's
    /// marker), +0.0 for backoff 0 with continuations.</summary>
    private static float Marked(float log10Backoff, int[]? children, int entry)
    {
        bool extends = children is not null && children[entry + 1] > children[entry];
        return log10Backoff != 0 ? log10Backoff : extends ? 0f : -0f;
    }

    private static bool IsDroppable(float log10Backoff) => BitConverter.SingleToUInt32Bits(log10Backoff) == NoExtensionBits;

    /// <summary>The home slot of a key: the high half of a multiplicative hash, mapped onto [0, capacity) by a
    /// multiply-shift (no power-of-two size needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bucket(ulong key, uint capacity) => (uint)(((key * 0x9E37_79B9_7F4A_7C15UL) >> 32) * capacity >> 32);

    /// <summary>Slot of <paramref name="key"/> in table k-1, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Find(int k, ulong key)
    {
        var table = _tables[k - 1];
        uint capacity = _capacities[k - 1];
        uint s = Bucket(key, capacity);
        while (true)
        {
            ulong stored = table[s].Key;
            if (stored == key) return s;
            if (stored == EmptyKey) return -1;
            s = s + 1 == capacity ? 0 : s + 1;
        }
    }

    /// <summary>A sentence being scored: where it is, where its implied &lt;/s&gt; is, where its next score goes, and its
    /// state (the slots and backoffs of the n-grams ending at the previous token, <see cref="Length"/> of them).</summary>
    private struct Lane
    {
        public int Position, End, Output, Length;
        public uint* Slots;        // [order-1]: slot k-1 holds the k-gram
        public float* Backoffs;    // [order-1]
    }

    /// <summary>Scores sentences: for sentence j, the words <paramref name="words"/>[starts[j] .. starts[j+1]) and then
    /// &lt;/s&gt;; their log10 probabilities go to <paramref name="scores"/>[starts[j] + j .. starts[j+1] + j] (one more
    /// slot per sentence than it has words).</summary>
    /// <param name="words">Word ids of every sentence, back to back, without boundaries.</param>
    /// <param name="starts">[sentences + 1], non-decreasing offsets into <paramref name="words"/>.</param>
    /// <param name="scores">[words + sentences].</param>
    /// <exception cref="ArgumentException"><paramref name="starts"/> reach past the words, or <paramref name="scores"/> is too short.</exception>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score(ReadOnlySpan<int> words, ReadOnlySpan<int> starts, Span<double> scores)
    {
        int sentences = starts.Length - 1;
        if (sentences <= 0) return;
        for (int j = 0; j < sentences; j++)
            if (starts[j] < 0 || starts[j] > starts[j + 1]) throw new ArgumentException("The sentence starts must be non-negative and non-decreasing.", nameof(starts));
        if (starts[sentences] > words.Length) throw new ArgumentException("The sentence starts reach past the words.", nameof(starts));
        if (scores.Length < starts[sentences] + sentences) throw new ArgumentException("The scores need one slot per word plus one per sentence.", nameof(scores));
        int depth = Math.Max(1, _order - 1);
        var lanes = stackalloc Lane[Lanes];
        var stateSlots = stackalloc uint[Lanes * depth];
        var stateBackoffs = stackalloc float[Lanes * depth];
        var found = stackalloc uint[depth + 1];
        var foundBackoffs = stackalloc float[depth + 1];
        fixed (int* w = words, start = starts)
        fixed (double* output = scores)
        {
            int next = 0, live = 0;
            for (int i = 0; i < Lanes; i++)
            {
                var lane = lanes + i;
                lane->Slots = stateSlots + i * depth;
                lane->Backoffs = stateBackoffs + i * depth;
                if (next < sentences)
                {
                    Start(lane, next++, start);
                    Prefetch(lane, w);
                    live++;
                }
                else lane->Position = -1;
            }
            while (live > 0)
            {
                for (var lane = lanes; lane < lanes + Lanes; lane++)
                {
                    if (lane->Position < 0) continue;
                    output[lane->Output++] = Step(lane->Position < lane->End ? w[lane->Position] : _end, lane, found, foundBackoffs);
                    if (++lane->Position > lane->End)
                    {
                        if (next >= sentences) { lane->Position = -1; live--; continue; }
                        Start(lane, next++, start);
                    }
                    Prefetch(lane, w);
                }
            }
        }
        GC.KeepAlive(_memory);   // the tables are read through pointers into it
    }

    /// <summary>Puts sentence <paramref name="j"/> in a lane, its state at &lt;s&gt;.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Start(Lane* lane, int j, int* starts)
    {
        lane->Position = starts[j];
        lane->End = starts[j + 1];
        lane->Output = starts[j] + j;
        lane->Slots[0] = (uint)_begin;
        lane->Backoffs[0] = _unigrams[_begin].Log10Backoff;
        lane->Length = _order > 1 && !IsDroppable(lane->Backoffs[0]) ? 1 : 0;
    }

    /// <summary>Asks for the cache lines the lane's next token will read: its unigram and one home slot per order its
    /// state can match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(Lane* lane, int* words)
    {
        if (!Sse.IsSupported) return;
        int w = lane->Position < lane->End ? words[lane->Position] : _end;
        if (!IsPredicted(w)) return;
        Sse.Prefetch0(_unigrams + w);
        for (int k = 1; k <= lane->Length; k++)
            Sse.Prefetch0(_tables[k - 1] + Bucket((ulong)lane->Slots[k - 1] << 32 | (uint)w, _capacities[k - 1]));
    }

    /// <summary>log10 P(w | state) and the state after w: <see cref="BackoffModel.ScoreSentence"/>'s step on this layout.</summary>
    /// <param name="w">The word.</param>
    /// <param name="lane">The sentence, whose state is updated.</param>
    /// <param name="found">Scratch, [order].</param>
    /// <param name="foundBackoffs">Scratch, [order].</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Step(int w, Lane* lane, uint* found, float* foundBackoffs)
    {
        if (!IsPredicted(w))
        {
            lane->Length = 0;
            return double.NegativeInfinity;
        }
        int limit = lane->Length;
        uint* slots = lane->Slots;
        float* backoffs = lane->Backoffs;
        float p = _unigrams[w].Log10Probability;
        found[0] = (uint)w;
        foundBackoffs[0] = _unigrams[w].Log10Backoff;
        int m = 1;
        for (int k = 1; k <= limit; k++)
        {
            long slot = Find(k, (ulong)slots[k - 1] << 32 | (uint)w);
            if (slot < 0) break;
            var e = _tables[k - 1] + slot;
            p = e->Log10Probability;
            found[k] = (uint)slot;
            foundBackoffs[k] = e->Log10Backoff;
            m = k + 1;
        }
        double logp = p;
        for (int k = m; k <= limit; k++) logp += backoffs[k - 1];   // log10 b of the stored contexts longer than the match
        int kept = Math.Min(m, _order - 1);
        while (kept > 0 && IsDroppable(foundBackoffs[kept - 1])) kept--;
        for (int k = 0; k < kept; k++)
        {
            slots[k] = found[k];
            backoffs[k] = foundBackoffs[k];
        }
        lane->Length = kept;
        return logp;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsPredicted(int id) => id != _begin && id != _padding && (uint)id < (uint)_vocabularyCount;
}
