using System.Globalization;
using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class ShortestFloatFormatterTests
{
    /// <summary>The first bit pattern (if any) in [from, to) stepping by <paramref name="stride"/> where the formatter
    /// and <c>float.TryFormat</c> (invariant culture, shortest round-trip) write different bytes.</summary>
    private static string? FirstMismatch(ulong from, ulong to, ulong stride)
    {
        Span<byte> mine = stackalloc byte[ShortestFloatFormatter.MaxBytes];
        Span<byte> runtime = stackalloc byte[64];
        for (ulong b = from; b < to; b += stride)
        {
            float x = BitConverter.UInt32BitsToSingle((uint)b);
            int n = ShortestFloatFormatter.Format(x, mine);
            x.TryFormat(runtime, out int m, default, CultureInfo.InvariantCulture);
            if (!mine[..n].SequenceEqual(runtime[..m]))
                return $"bits 0x{b:X8}: runtime '{System.Text.Encoding.UTF8.GetString(runtime[..m])}', formatter '{System.Text.Encoding.UTF8.GetString(mine[..n])}'";
        }
        return null;
    }

    [Fact]
    public void Format_EqualsTryFormat_OnEvery997thBitPattern()
    {
        var mismatch = FirstMismatch(0, 1UL << 32, 997);   // 4.3M patterns: every exponent, both signs, subnormals, NaNs

        Assert.Null(mismatch);
    }

    [Fact]
    public void Format_EqualsTryFormat_OnRandomBitPatterns()
    {
        var rng = new Random(21);
        string? mismatch = null;

        for (int i = 0; i < 2_000_000 && mismatch is null; i++)
        {
            ulong b = (uint)rng.NextInt64(1L << 32);
            mismatch = FirstMismatch(b, b + 1, 1);
        }

        Assert.Null(mismatch);
    }

    [Fact]
    public void Format_EqualsTryFormat_AroundTheLayoutEdgesAndTheLogProbabilityRange()
    {
        // Every float in a window of 2^16 patterns around each power of ten from 1e-45 to 1e38 (where the layout
        // switches between fixed and E notation and the digit count changes), both signs, and all floats in [-1, -0.5).
        var mismatches = new List<string>();

        for (int p = -45; p <= 38; p++)
            foreach (float sign in new[] { 1f, -1f })
            {
                uint centre = BitConverter.SingleToUInt32Bits(sign * (float)Math.Pow(10, p));
                ulong from = centre < (1u << 15) ? 0 : centre - (1u << 15);
                if (FirstMismatch(from, Math.Min(1UL << 32, from + (1u << 16)), 1) is { } m) mismatches.Add(m);
            }
        if (FirstMismatch(BitConverter.SingleToUInt32Bits(-0.5f), BitConverter.SingleToUInt32Bits(-1f), 1) is { } m2) mismatches.Add(m2);

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-0f, "-0")]
    [InlineData(-1.5f, "-1.5")]
    [InlineData(-0.30103f, "-0.30103")]
    [InlineData(1e-4f, "0.0001")]
    [InlineData(1e-5f, "1E-05")]
    [InlineData(123456790f, "123456790")]
    [InlineData(1e9f, "1E+09")]
    [InlineData(float.MaxValue, "3.4028235E+38")]
    [InlineData(float.Epsilon, "1E-45")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Format_WritesTheRuntimesShortestForm(float value, string expected)
    {
        Span<byte> buffer = stackalloc byte[ShortestFloatFormatter.MaxBytes];

        int n = ShortestFloatFormatter.Format(value, buffer);

        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(buffer[..n]));
    }

    [Fact]
    public void Format_EqualsTryFormat_OnEveryNumberOfAModel()
    {
        var (v, train, _) = TinyCorpus.Gutenberg200();
        var model = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 3));
        var mismatches = new List<string>();

        foreach (var level in model.Log10Probs.Concat(model.Log10Backoffs.Where(b => b is not null))!)
            foreach (float x in level!)
                if (FirstMismatch(BitConverter.SingleToUInt32Bits(x), BitConverter.SingleToUInt32Bits(x) + 1UL, 1) is { } m) mismatches.Add(m);

        Assert.Empty(mismatches);
    }
}
