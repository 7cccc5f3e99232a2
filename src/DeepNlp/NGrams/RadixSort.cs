using System.Runtime.CompilerServices;

namespace DeepNlp.NGrams;

/// <summary>Least-significant-digit radix sort of packed 64-bit keys, the hot loop of n-gram counting.</summary>
/// <remarks>
/// Each value packs (sort key, payload); only the bits <c>[lowBit, highBit)</c> are sorted on. LSD radix sort is
/// stable, so values whose key bits tie keep their input order, which lets the counter skip sorting the payload.
/// Lives beside the counter rather than in Numerics/Ops because it sorts integers, not float tensors.
/// </remarks>
internal static class RadixSort
{
    private const int MaxDigitBits = 11;

    /// <summary>Sorts <paramref name="data"/> by bits [lowBit, highBit); returns the buffer holding the result.</summary>
    /// <param name="data">Values to sort; may be overwritten.</param>
    /// <param name="scratch">Buffer of the same length; may hold the result.</param>
    /// <param name="length">Number of leading values to sort.</param>
    /// <param name="lowBit">Lowest key bit.</param>
    /// <param name="highBit">One past the highest key bit (at most 64).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong[] Sort(ulong[] data, ulong[] scratch, int length, int lowBit, int highBit)
    {
        if (data.Length < length || scratch.Length < length)
            throw new ArgumentException("Buffers are shorter than the length to sort.", nameof(scratch));
        int bits = highBit - lowBit;
        if (bits <= 0 || length <= 1) return data;
        int passes = (bits + MaxDigitBits - 1) / MaxDigitBits;
        int digitBits = (bits + passes - 1) / passes;
        var counts = new int[1 << digitBits];
        ulong[] src = data, dst = scratch;
        for (int p = 0; p < passes; p++)
        {
            int shift = lowBit + p * digitBits;
            int width = Math.Min(digitBits, highBit - shift);
            ulong mask = (1UL << width) - 1;
            Array.Clear(counts);
            for (int i = 0; i < length; i++) counts[(int)((src[i] >> shift) & mask)]++;
            // A digit that is the same for every value needs no pass (common for high bits of small corpora).
            if (counts[(int)((src[0] >> shift) & mask)] == length) continue;
            int sum = 0;
            for (int d = 0; d < counts.Length; d++) { int c = counts[d]; counts[d] = sum; sum += c; }
            for (int i = 0; i < length; i++)
            {
                ulong v = src[i];
                dst[counts[(int)((v >> shift) & mask)]++] = v;
            }
            (src, dst) = (dst, src);
        }
        return src;
    }
}
