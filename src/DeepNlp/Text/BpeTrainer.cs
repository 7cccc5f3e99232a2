using System.Text;

namespace DeepNlp.Text;

/// <summary>Learns byte-level BPE merges from a corpus (Sennrich et al. 2016 over bytes, as GPT-2).</summary>
/// <remarks>
/// <para>The corpus is cut into pieces by <see cref="BpePreTokenizer"/> and each distinct piece is counted once, so work
/// scales with the number of distinct pieces, not the corpus length. Each step merges the most frequent adjacent pair
/// of symbols (counted over piece occurrences).</para>
/// <para>Ties: the pair with the higher count wins; among equal counts the smaller left id, then the smaller right id
/// (ids: bytes 0..255 by value, merged symbols in the order they were made). Training draws no random numbers, so the
/// same corpus and size always give the same merges.</para>
/// <para>Efficiency: pair counts are kept incrementally. A merge revisits only the pieces that contain the pair (an
/// index from pair to pieces, appended to as new pairs appear), subtracts their old pairs and adds their new ones; a priority queue with lazy deletion
/// (entries whose count changed since they were pushed are skipped) finds the next best pair in O(log n).</para>
/// <para>A pair whose bytes already spell an existing symbol (the same string reached by two merge orders) is not merged
/// again: the file format names symbols by their bytes, so each byte string is one symbol. Such pairs are rare and are
/// set aside; training stops early when no pair is left.</para>
/// </remarks>
public static class BpeTrainer
{
    /// <summary>Trains merges until the vocabulary holds <paramref name="vocabularySize"/> ids (256 bytes + merges + special tokens).</summary>
    /// <param name="texts">Training texts (lines or documents); merges never cross a text boundary or a pre-token boundary.</param>
    /// <param name="vocabularySize">Target size; at least 256 + the number of special tokens.</param>
    /// <param name="specialTokens">Special tokens appended after the merges (none by default).</param>
    /// <param name="progress">Reported every 100 merges and at the end.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size cannot hold the 256 bytes and the special tokens.</exception>
    public static ByteLevelBpe Train(IEnumerable<string> texts, int vocabularySize, IReadOnlyList<string>? specialTokens = null,
        IProgress<BpeTrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        specialTokens ??= [];
        int target = vocabularySize - 256 - specialTokens.Count;
        if (target < 0)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, $"Needs at least 256 + {specialTokens.Count} special tokens.");

        // Distinct pieces with their counts; each piece is a sequence of symbol ids (its bytes at first).
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<long>();
        foreach (var text in texts)
            foreach (var piece in BpePreTokenizer.Split(text))
            {
                if (indexOf.TryGetValue(piece, out int w)) counts[w]++;
                else { indexOf.Add(piece, counts.Count); counts.Add(1); }
            }
        var words = new int[counts.Count][];
        foreach (var (piece, w) in indexOf) words[w] = Encoding.UTF8.GetBytes(piece).Select(b => (int)b).ToArray();

        var pairCount = new Dictionary<long, long>();
        var piecesWith = new Dictionary<long, List<int>>();
        for (int w = 0; w < words.Length; w++)
            for (int i = 0; i + 1 < words[w].Length; i++)
            {
                long key = ByteLevelBpe.Key(words[w][i], words[w][i + 1]);
                pairCount[key] = pairCount.GetValueOrDefault(key) + counts[w];
                (piecesWith.TryGetValue(key, out var list) ? list : piecesWith[key] = []).Add(w);
            }
        var queue = new PriorityQueue<long, (long Count, long Key)>(Comparer<(long Count, long Key)>.Create(
            (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Key.CompareTo(b.Key)));
        foreach (var (key, c) in pairCount) queue.Enqueue(key, (c, key));

        var merges = new List<BpeMerge>(target);
        var symbolBytes = new List<byte[]>(256 + target);
        for (int b = 0; b < 256; b++) symbolBytes.Add([(byte)b]);
        var known = new HashSet<string>(symbolBytes.Select(Convert.ToHexString), StringComparer.Ordinal);
        var changed = new HashSet<long>();
        var merged = new List<int>();
        while (merges.Count < target && queue.TryDequeue(out long best, out var priority))
        {
            if (!pairCount.TryGetValue(best, out long bestCount) || bestCount != priority.Count) continue;   // stale entry
            int left = (int)(best >> 32), right = (int)(uint)best;
            byte[] bytes = [.. symbolBytes[left], .. symbolBytes[right]];
            if (!known.Add(Convert.ToHexString(bytes))) { pairCount.Remove(best); continue; }                // same string as an existing symbol
            int id = 256 + merges.Count;
            merges.Add(new BpeMerge(left, right, id, bestCount));
            symbolBytes.Add(bytes);

            changed.Clear();
            // The index may list a piece twice or list one that no longer holds the pair: both are skipped below, as the
            // merge leaves nothing to do. Order does not matter: counts are sums, and the queue's order is total.
            piecesWith.Remove(best, out var affected);
            foreach (int w in affected!)
            {
                var old = words[w];
                merged.Clear();
                for (int i = 0; i < old.Length; i++)
                {
                    if (i + 1 < old.Length && old[i] == left && old[i + 1] == right) { merged.Add(id); i++; }
                    else merged.Add(old[i]);
                }
                if (merged.Count == old.Length) continue;                                                    // stale or repeated entry
                long c = counts[w];
                for (int i = 0; i + 1 < old.Length; i++) Add(ByteLevelBpe.Key(old[i], old[i + 1]), -c);
                words[w] = merged.ToArray();
                for (int i = 0; i + 1 < words[w].Length; i++)
                {
                    long key = ByteLevelBpe.Key(words[w][i], words[w][i + 1]);
                    Add(key, c);
                    if (words[w][i] == id || words[w][i + 1] == id)                                       // only new pairs need indexing
                        (piecesWith.TryGetValue(key, out var list) ? list : piecesWith[key] = []).Add(w);
                }
            }
            pairCount.Remove(best);
            foreach (long key in changed)
                if (key != best && pairCount.TryGetValue(key, out long now)) queue.Enqueue(key, (now, key));
            if (merges.Count % 100 == 0) progress?.Report(new BpeTrainingProgress(merges.Count, target, bestCount));
        }
        progress?.Report(new BpeTrainingProgress(merges.Count, target, merges.Count > 0 ? merges[^1].Count : 0));
        return new ByteLevelBpe(merges, specialTokens);

        void Add(long key, long delta)
        {
            long now = pairCount.GetValueOrDefault(key) + delta;
            if (now > 0) pairCount[key] = now; else pairCount.Remove(key);
            changed.Add(key);
        }
    }
}
