using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepNlp.NGrams;

/// <summary>Formats a 32-bit float as UTF-8 in the shortest form that reads back to the same float, byte for byte
/// what <c>float.TryFormat(destination, out _, default, CultureInfo.InvariantCulture)</c> writes (.NET Core 3.0+).</summary>
/// <remarks>
/// The digits come from Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018), the <c>f2s</c> variant with
/// 59/61-bit multipliers: the shortest decimal in the rounding interval of the float, the closest to it when several
/// are shortest, ties to even. The layout is .NET's shortest ("R") layout for <c>float</c>: fixed notation while the
/// decimal point lies between 3 zeros after it and max(digit count, 9) digits before it, otherwise
/// <c>d.dddE±XX</c> (at least two exponent digits); "-0" for negative zero. NaN and infinities go to
/// <c>float.TryFormat</c>. The ARPA writer uses it because the runtime's formatter was most of the write's time; the
/// tests compare it with <c>float.TryFormat</c> on millions of bit patterns and on every number of a model.
/// </remarks>
internal static class ShortestFloatFormatter
{
    private const int MantissaBits = 23;
    private const int Bias = 127;
    private const int Pow5InvBitCount = 59;
    private const int Pow5BitCount = 61;

    /// <summary>The most bytes <see cref="Format"/> writes ("-1.2345678E-38" is 14; NaN and infinities are shorter).</summary>
    public const int MaxBytes = 16;

    // Pow5InvSplit[q] = floor(2^(pow5bits(q) - 1 + 59) / 5^q) + 1; Pow5Split[i] = 5^i scaled to exactly 61 bits.
    private static readonly ulong[] Pow5InvSplit = MakeInverseTable(31);
    private static readonly ulong[] Pow5Split = MakeTable(48);

    private static ulong[] MakeInverseTable(int count)
    {
        var table = new ulong[count];
        for (int q = 0; q < count; q++)
        {
            var pow = BigInteger.Pow(5, q);
            table[q] = (ulong)((BigInteger.One << (Pow5Bits(q) - 1 + Pow5InvBitCount)) / pow + 1);
        }
        return table;
    }

    private static ulong[] MakeTable(int count)
    {
        var table = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            var pow = BigInteger.Pow(5, i);
            int shift = Pow5Bits(i) - Pow5BitCount;
            table[i] = (ulong)(shift >= 0 ? pow >> shift : pow << -shift);
        }
        return table;
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxBytes"/>
    /// long) and returns the number of bytes written.</summary>
    /// <remarks>Compiled optimised at once (as the helpers it calls): an ARPA write calls it millions of times from its
    /// first chunk on, before the tiered JIT would have replaced its first version.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Format(float value, Span<byte> destination)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint ieeeMantissa = bits & ((1u << MantissaBits) - 1);
        uint ieeeExponent = (bits >> MantissaBits) & 0xFF;
        if (ieeeExponent == 0xFF)
        {
            value.TryFormat(destination, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
            return written;
        }
        int at = 0;
        if ((bits >> 31) != 0) destination[at++] = (byte)'-';
        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            destination[at++] = (byte)'0';
            return at;
        }
        var (digits, exponent) = Shortest(ieeeMantissa, ieeeExponent);
        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }
        return at + Layout(digits, exponent, destination[at..]);
    }

    /// <summary>.NET's layout of the decimal <paramref name="digits"/> × 10^<paramref name="exponent"/> (no trailing zeros in digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Layout(uint digits, int exponent, Span<byte> destination)
    {
        int count = DecimalLength(digits);
        int point = exponent + count;   // value = 0.d1…dn × 10^point
        if (point > Math.Max(count, 9) || point < -3)
        {
            // d.ddd: the digits after the first go to [2, count + 1), the first to [0].
            int at = count > 1 ? count + 1 : 1;
            WriteDigits(digits, count, destination, at, count > 1 ? 1 : -1);
            if (count > 1) destination[1] = (byte)'.';
            int e = point - 1;
            destination[at++] = (byte)'E';
            destination[at++] = e < 0 ? (byte)'-' : (byte)'+';
            e = Math.Abs(e);
            if (e >= 100) destination[at++] = (byte)('0' + e / 100);
            destination[at++] = (byte)('0' + e / 10 % 10);
            destination[at++] = (byte)('0' + e % 10);
            return at;
        }
        if (point <= 0)
        {
            // 0.000ddd
            destination[0] = (byte)'0';
            destination[1] = (byte)'.';
            for (int i = 0; i < -point; i++) destination[2 + i] = (byte)'0';
            int end = 2 - point + count;
            WriteDigits(digits, count, destination, end, -1);
            return end;
        }
        if (point >= count)
        {
            // ddd000
            WriteDigits(digits, count, destination, count, -1);
            for (int i = count; i < point; i++) destination[i] = (byte)'0';
            return point;
        }
        // dd.ddd
        WriteDigits(digits, count, destination, count + 1, point);
        destination[point] = (byte)'.';
        return count + 1;
    }

    /// <summary>Writes the <paramref name="count"/> digits of <paramref name="digits"/> so that the last one ends just
    /// before <paramref name="end"/>, leaving a one-byte gap (for the point) after the first <paramref name="gapAfter"/>
    /// digits (no gap when it is -1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(uint digits, int count, Span<byte> destination, int end, int gapAfter)
    {
        int at = end;
        for (int i = count - 1; i >= 0; i--)
        {
            if (i == gapAfter - 1) at--;
            uint q = digits / 10;
            destination[--at] = (byte)('0' + (digits - 10 * q));
            digits = q;
        }
    }

    private static int DecimalLength(uint v) =>
        v >= 100000000 ? 9 : v >= 10000000 ? 8 : v >= 1000000 ? 7 : v >= 100000 ? 6 : v >= 10000 ? 5 :
        v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;

    /// <summary>Ryu's f2d: the shortest digits (as an integer) and decimal exponent of a finite non-zero float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (uint Digits, int Exponent) Shortest(uint ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        uint m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1u << MantissaBits) | ieeeMantissa;
        }
        bool acceptBounds = (m2 & 1) == 0;   // round half to even: an even mantissa owns its interval's ends

        // The interval of decimals that read back to this float: (mm, mp) around mv, all × 2^e2 / 4.
        uint mv = 4 * m2, mp = 4 * m2 + 2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        uint mm = 4 * m2 - 1 - mmShift;

        uint vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false, vrIsTrailingZeros = false;
        uint lastRemovedDigit = 0;
        if (e2 >= 0)
        {
            uint q = Log10Pow2(e2);
            e10 = (int)q;
            int k = Pow5InvBitCount + Pow5Bits((int)q) - 1;
            int i = -e2 + (int)q + k;
            vr = MulShift(mv, Pow5InvSplit[q], i);
            vp = MulShift(mp, Pow5InvSplit[q], i);
            vm = MulShift(mm, Pow5InvSplit[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                int l = Pow5InvBitCount + Pow5Bits((int)(q - 1)) - 1;
                lastRemovedDigit = MulShift(mv, Pow5InvSplit[q - 1], -e2 + (int)q - 1 + l) % 10;
            }
            if (q <= 9)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = MultipleOfPowerOf5(mm, q);
                else if (MultipleOfPowerOf5(mp, q)) vp--;
            }
        }
        else
        {
            uint q = Log10Pow5(-e2);
            e10 = (int)q + e2;
            int i = -e2 - (int)q;
            int k = Pow5Bits(i) - Pow5BitCount;
            int j = (int)q - k;
            vr = MulShift(mv, Pow5Split[i], j);
            vp = MulShift(mp, Pow5Split[i], j);
            vm = MulShift(mm, Pow5Split[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                j = (int)q - 1 - (Pow5Bits(i + 1) - Pow5BitCount);
                lastRemovedDigit = MulShift(mv, Pow5Split[i + 1], j) % 10;
            }
            if (q <= 1)
            {
                // mv = 4·m2 has at least two trailing zero bits; mm has one exactly when mmShift is 1.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else vp--;
            }
            else if (q < 31)
            {
                vrIsTrailingZeros = (mv & ((1u << (int)(q - 1)) - 1)) == 0;
            }
        }

        int removed = 0;
        uint output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
                vr /= 10; vp /= 10; vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = vr % 10;
                    vr /= 10; vp /= 10; vm /= 10;
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;   // exactly …50…0: to even
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1u : 0u);
        }
        else
        {
            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = vr % 10;
                vr /= 10; vp /= 10; vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || lastRemovedDigit >= 5 ? 1u : 0u);
        }
        return (output, e10 + removed);
    }

    /// <summary>floor(m · factor / 2^shift), exact (shift &gt; 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MulShift(uint m, ulong factor, int shift)
    {
        ulong low = (ulong)m * (uint)factor;
        ulong high = (ulong)m * (factor >> 32);
        return (uint)(((low >> 32) + high) >> (shift - 32));
    }

    /// <summary>ceil(log2(5^e)) for e ≥ 1, and 1 for e = 0.</summary>
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>floor(log10(2^e)).</summary>
    private static uint Log10Pow2(int e) => ((uint)e * 78913) >> 18;

    /// <summary>floor(log10(5^e)).</summary>
    private static uint Log10Pow5(int e) => ((uint)e * 732923) >> 20;

    private static bool MultipleOfPowerOf5(uint value, uint p)
    {
        uint count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= p;
    }
}
