using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Builds the n-gram trie of <see cref="NGramCounts"/>, one order at a time.</summary>
/// <remarks>
/// The corpus is flattened to one token array (<c>&lt;s&gt; w1 … wk &lt;/s&gt;</c> per sentence). For order n every
/// position p whose sentence has at least n-1 tokens before it gets the key
/// <c>(id of the (n-1)-gram ending at p-1, word at p, p)</c> packed into one 64-bit value; a radix sort on the first
/// two fields groups equal n-grams, already in trie order (prefix id, word). Scanning the sorted keys gives each
/// distinct n-gram its rank (its trie id), its count, and its suffix id (the (n-1)-gram ending at p), and overwrites
/// the per-position id array in place for the next order. Cost: a few linear passes per order, no hashing.
/// </remarks>
internal static class NGramCounter
{
    public static NGramCounts Count(IReadOnlyList<int[]> sentences, Vocabulary vocabulary, int order)
    {
        int bos = vocabulary.BeginId, eos = vocabulary.EndId, v = vocabulary.Count;
        if (bos < 0 || eos < 0)
            throw new ArgumentException($"The vocabulary needs {SpecialTokens.BeginSentence} and {SpecialTokens.EndSentence} to count n-grams.", nameof(vocabulary));

        long total = 0;
        foreach (var s in sentences) total += s.Length + 2;
        if (total > int.MaxValue - 1) throw new ArgumentException("The corpus is too large to count in memory (over 2^31 tokens).", nameof(sentences));
        int length = (int)total;
        var tokens = new int[length];
        var depth = new byte[length]; // tokens since the sentence's <s>, capped at 255
        int at = 0;
        for (int si = 0; si < sentences.Count; si++)
        {
            var s = sentences[si];
            tokens[at] = bos; depth[at++] = 0;
            for (int k = 0; k < s.Length; k++)
            {
                int id = s[k];
                if ((uint)id >= (uint)v || id == bos || id == eos)
                    throw new ArgumentException($"Sentence {si}, token {k}: id {id} is {((uint)id >= (uint)v ? "outside the vocabulary" : "a sentence boundary; boundaries are added by the counter")}.", nameof(sentences));
                tokens[at] = id; depth[at++] = (byte)Math.Min(k + 1, 255);
            }
            tokens[at] = eos; depth[at++] = (byte)Math.Min(s.Length + 1, 255);
        }

        var tables = new NGramTable[order];
        var unigramCounts = new int[v];
        for (int p = 0; p < length; p++)
            if (depth[p] > 0) unigramCounts[tokens[p]]++;
        var startsBos = new bool[v];
        startsBos[bos] = true;
        var identity = new int[v];
        for (int i = 0; i < v; i++) identity[i] = i;
        tables[0] = new NGramTable(1, identity, unigramCounts, [], startsBos);
        if (order > 1) CountHigherOrders(tokens, depth, tables, v);
        return new NGramCounts(vocabulary, tables, length - sentences.Count, sentences.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountHigherOrders(int[] tokens, byte[] depth, NGramTable[] tables, int vocabularySize)
    {
        int length = tokens.Length;
        int m = 0;
        for (int p = 0; p < length; p++) if (depth[p] > 0) m++;
        // The per-position buffers are native and freed on return, so the estimator that runs next does not sit on
        // tens of megabytes of large-object-heap garbage (peak memory is a goal of the course benchmark).
        int* ids = (int*)NativeMemory.Alloc((nuint)length, sizeof(int));      // id of the (n-1)-gram ending at each position
        int* valid = (int*)NativeMemory.Alloc((nuint)Math.Max(m, 1), sizeof(int));
        ulong* keys = (ulong*)NativeMemory.Alloc((nuint)Math.Max(m, 1), sizeof(ulong));
        ulong* scratch = (ulong*)NativeMemory.Alloc((nuint)Math.Max(m, 1), sizeof(ulong));
        try
        {
            m = 0;
            for (int p = 0; p < length; p++)
            {
                ids[p] = tokens[p];   // unigram id = word id
                if (depth[p] > 0) valid[m++] = p;
            }
            int bitsPos = Bits(length - 1), bitsWord = Bits(vocabularySize - 1);
            ulong wordMask = (1UL << bitsWord) - 1, posMask = (1UL << bitsPos) - 1;
            for (int n = 2; n <= tables.Length; n++)
            {
                var below = tables[n - 2];
                int kept = 0;
                for (int i = 0; i < m; i++) if (depth[valid[i]] >= n - 1) valid[kept++] = valid[i];
                m = kept;
                int bitsCtx = Bits(below.Length - 1);
                bool packed = bitsPos + bitsWord + bitsCtx <= 64;
                ulong* sorted;
                int[]? positions = null;
                if (packed)
                {
                    for (int i = 0; i < m; i++)
                    {
                        int p = valid[i];
                        keys[i] = (((((ulong)(uint)ids[p - 1]) << bitsWord) | (uint)tokens[p]) << bitsPos) | (uint)p;
                    }
                    sorted = RadixSort.Sort(keys, scratch, m, bitsPos, bitsPos + bitsWord + bitsCtx);
                }
                else
                {
                    // Too many bits to carry the position inside the key: sort (key, position) pairs instead.
                    var managedKeys = new ulong[m];
                    positions = new int[m];
                    for (int i = 0; i < m; i++)
                    {
                        int p = valid[i];
                        managedKeys[i] = (((ulong)(uint)ids[p - 1]) << bitsWord) | (uint)tokens[p];
                        positions[i] = p;
                    }
                    Array.Sort(managedKeys, positions);
                    managedKeys.AsSpan().CopyTo(new Span<ulong>(keys, m));
                    sorted = keys;
                }
                int shift = packed ? bitsPos : 0;

                int distinct = 0;
                ulong previous = ulong.MaxValue;
                for (int i = 0; i < m; i++)
                {
                    ulong key = sorted[i] >> shift;
                    if (key != previous) { distinct++; previous = key; }
                }
                var words = new int[distinct];
                var counts = new int[distinct];
                var suffix = new int[distinct];
                var bosFlags = new bool[distinct];
                var children = new int[below.Length + 1];
                int r = -1;
                previous = ulong.MaxValue;
                for (int i = 0; i < m; i++)
                {
                    ulong value = sorted[i];
                    ulong key = value >> shift;
                    int p = packed ? (int)(value & posMask) : positions![i];
                    if (key != previous)
                    {
                        r++;
                        previous = key;
                        int ctx = (int)(key >> bitsWord);
                        words[r] = (int)(key & wordMask);
                        suffix[r] = ids[p];
                        bosFlags[r] = below.StartsWithBos[ctx];
                        children[ctx + 1]++;
                    }
                    counts[r]++;
                    ids[p] = r;
                }
                for (int h = 0; h < below.Length; h++) children[h + 1] += children[h];
                below.Children = children;
                tables[n - 1] = new NGramTable(n, words, counts, suffix, bosFlags);
            }
        }
        finally
        {
            NativeMemory.Free(ids);
            NativeMemory.Free(valid);
            NativeMemory.Free(keys);
            NativeMemory.Free(scratch);
        }
    }

    private static int Bits(int maxValue) => maxValue <= 0 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)maxValue);
}
