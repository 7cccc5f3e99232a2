namespace DeepNlp.Text;

/// <summary>GPT-2's printable spelling of the 256 byte values (<c>bytes_to_unicode</c> in OpenAI's <c>encoder.py</c>).</summary>
/// <remarks>
/// Printable Latin-1 bytes (<c>!</c>..<c>~</c>, <c>¡</c>..<c>¬</c>, <c>®</c>..<c>ÿ</c>) stand for themselves; the other 68
/// (controls, space, soft hyphen) map in byte order to U+0100, U+0101, …, so a space is <c>Ġ</c> and a newline <c>Ċ</c>.
/// Every byte thus has a one-character visible name and a merges file never holds whitespace inside a symbol.
/// </remarks>
public static class ByteSymbols
{
    private static readonly char[] ByteToChar = BuildTable();
    private static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>The visible character that spells byte <paramref name="b"/>.</summary>
    public static char Spell(byte b) => ByteToChar[b];

    /// <summary>The visible spelling of a byte sequence, one character per byte.</summary>
    public static string Spell(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) chars[i] = ByteToChar[bytes[i]];
        return new string(chars);
    }

    /// <summary>The bytes a visible spelling stands for.</summary>
    /// <exception cref="FormatException">A character is not the spelling of any byte.</exception>
    public static byte[] Parse(string spelling)
    {
        ArgumentNullException.ThrowIfNull(spelling);
        var bytes = new byte[spelling.Length];
        for (int i = 0; i < spelling.Length; i++)
            bytes[i] = CharToByte.TryGetValue(spelling[i], out var b)
                ? b
                : throw new FormatException($"'{spelling[i]}' (U+{(int)spelling[i]:X4}) in \"{spelling}\" spells no byte.");
        return bytes;
    }

    private static char[] BuildTable()
    {
        var table = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)(256 + next++);
        }
        return table;
    }
}
