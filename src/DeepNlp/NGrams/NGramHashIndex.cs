using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepNlp.NGrams;

/// <summary>Hash lookups of one trie level: (context id, word) → entry id, one probe in the common case instead of a
/// binary search through the context's block (KenLM's "probing" structure, over the kit's trie ids).</summary>
/// <remarks>
/// Open addressing with linear probing; each slot holds the full 64-bit key (context id, word) and the entry id, so a
/// hit is exact and costs one cache line. The home slot comes from the top bits of a multiplicative hash of the key.
/// Load factor between 0.35 and 0.7 (power-of-two sizes): 12 bytes per slot, 17–34 bytes per indexed n-gram.
/// </remarks>
internal sealed class NGramHashIndex
{
    private const ulong Empty = ulong.MaxValue;   // context id -1 never occurs

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public ulong Key;
        public int Entry;
    }

    private readonly Slot[] _slots;
    private readonly int _shift;

    /// <summary>Indexes level k+1 of the trie through the child offsets <paramref name="block"/> of level k.</summary>
    public NGramHashIndex(int[] block, int[] words)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (long)words.Length * 10 / 7 + 1));
        _shift = 64 - BitOperations.Log2((uint)size);
        _slots = GC.AllocateUninitializedArray<Slot>(size);
        _slots.AsSpan().Fill(new Slot { Key = Empty, Entry = -1 });
        int mask = size - 1;
        for (int ctx = 0; ctx + 1 < block.Length; ctx++)
            for (int g = block[ctx]; g < block[ctx + 1]; g++)
            {
                ulong key = Key(ctx, words[g]);
                int s = Home(key);
                while (_slots[s].Key != Empty) s = (s + 1) & mask;
                _slots[s] = new Slot { Key = key, Entry = g };
            }
    }

    /// <summary>Bytes held by the table.</summary>
    public long Bytes => 12L * _slots.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(int ctx, int word) => ((ulong)(uint)ctx << 32) | (uint)word;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>The entry id of (ctx, word), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int ctx, int word)
    {
        ulong key = Key(ctx, word);
        var slots = _slots;
        int mask = slots.Length - 1;
        int s = Home(key);
        while (true)
        {
            ref var slot = ref slots[s];
            if (slot.Key == key) return slot.Entry;
            if (slot.Key == Empty) return -1;
            s = (s + 1) & mask;
        }
    }
}
