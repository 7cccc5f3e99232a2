using System.Runtime.CompilerServices;

namespace DeepNlp.NGrams;

/// <summary>Least-significant-digit radix sort of packed 64-bit keys, the hot loop of n-gram counting.</summary>
/// <remarks>
/// Each value packs (sort key, payload); only the bits <c>[lowBit, highBit)</c> are sorted on. LSD radix sort is
/// stable, so values whose key bits tie keep their input order, which lets the counter skip sorting the payload.
/// Each pass splits the input into one chunk per core: every chunk is histogrammed and scattered by its own thread
/// into precomputed, disjoint output ranges (chunks in order, so the sort stays stable).
/// Lives beside the counter rather than in Numerics/Ops because it sorts integers, not float tensors.
/// </remarks>
internal static unsafe class RadixSort
{
    private const int MaxDigitBits = 11;

    /// <summary>Sorts <paramref name="length"/> values by bits [lowBit, highBit); returns the buffer holding the result.</summary>
    /// <param name="data">Values to sort; may be overwritten.</param>
    /// <param name="scratch">Buffer of the same length; may hold the result.</param>
    /// <param name="length">Number of values.</param>
    /// <param name="lowBit">Lowest key bit.</param>
    /// <param name="highBit">One past the highest key bit (at most 64).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong* Sort(ulong* data, ulong* scratch, int length, int lowBit, int highBit)
    {
        int bits = highBit - lowBit;
        if (bits <= 0 || length <= 1) return data;
        int passes = (bits + MaxDigitBits - 1) / MaxDigitBits;
        int digitBits = (bits + passes - 1) / passes;
        int digits = 1 << digitBits;
        int chunks = length < (1 << 16) ? 1 : Math.Min(Environment.ProcessorCount, 8);
        var counts = new int[chunks][];
        for (int c = 0; c < chunks; c++) counts[c] = new int[digits];
        ulong* src = data, dst = scratch;
        for (int p = 0; p < passes; p++)
        {
            int shift = lowBit + p * digitBits;
            int width = Math.Min(digitBits, highBit - shift);
            ulong mask = (1UL << width) - 1;
            nint s = (nint)src, d = (nint)dst;
            Parallel.For(0, chunks, c => Histogram((ulong*)s, Bound(length, chunks, c), Bound(length, chunks, c + 1), shift, mask, counts[c]));
            // A digit that is the same for every value needs no pass (common for high bits of small corpora).
            int first = (int)((src[0] >> shift) & mask);
            int same = 0;
            for (int c = 0; c < chunks; c++) same += counts[c][first];
            if (same == length) continue;
            int sum = 0;
            for (int digit = 0; digit < digits; digit++)
                for (int c = 0; c < chunks; c++) { int n = counts[c][digit]; counts[c][digit] = sum; sum += n; }
            Parallel.For(0, chunks, c => Scatter((ulong*)s, (ulong*)d, Bound(length, chunks, c), Bound(length, chunks, c + 1), shift, mask, counts[c]));
            ulong* swap = src; src = dst; dst = swap;
        }
        return src;
    }

    // The passes' loops live in their own methods, compiled optimised at once: each runs a handful of times per sort,
    // too few for the tiered JIT to replace its first version.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Histogram(ulong* from, int start, int end, int shift, ulong mask, int[] h)
    {
        Array.Clear(h);
        for (int i = start; i < end; i++) h[(int)((from[i] >> shift) & mask)]++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(ulong* from, ulong* to, int start, int end, int shift, ulong mask, int[] offset)
    {
        for (int i = start; i < end; i++)
        {
            ulong v = from[i];
            to[offset[(int)((v >> shift) & mask)]++] = v;
        }
    }

    private static int Bound(int length, int chunks, int c) => (int)((long)length * c / chunks);
}
