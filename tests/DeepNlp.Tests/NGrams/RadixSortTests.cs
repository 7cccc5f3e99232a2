using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public unsafe class RadixSortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(300_000)]   // above the threshold where each pass is split over the cores
    public void Sort_OnKeyBits_MatchesAStableSortAndKeepsPayloadOrder(int length)
    {
        var random = new Random(length + 1);
        var values = new ulong[length];
        for (int i = 0; i < length; i++) values[i] = ((ulong)random.Next(0, 5000) << 20) | (uint)i;   // key 13 bits, payload = position
        var expected = values.OrderBy(v => v >> 20).ToArray();   // LINQ OrderBy is stable
        var scratch = new ulong[Math.Max(length, 1)];
        var data = (ulong[])values.Clone();
        if (length == 0) { Assert.Empty(expected); return; }

        ulong[] result;
        fixed (ulong* d = data, s = scratch)
        {
            ulong* r = RadixSort.Sort(d, s, length, 20, 33);
            result = new Span<ulong>(r, length).ToArray();
        }

        Assert.Equal(expected, result);
    }
}
