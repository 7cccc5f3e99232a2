using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace DeepNlp.Data;

/// <summary>Reads text files the way the data sets are stored: UTF-8, LF line endings, <c>.gz</c> decompressed on the fly.</summary>
/// <remarks>
/// Files whose name ends in <c>.gz</c> are read through a <see cref="GZipStream"/>, so callers never unpack them.
/// <see cref="ReadLines"/> streams: only one line is in memory at a time, which matters for the 12 MB Gutenberg
/// training split or a downloaded text8.
/// </remarks>
public static class TextFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Opens <paramref name="path"/> for reading, decompressing it when its name ends in <c>.gz</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Opens <paramref name="path"/> as UTF-8 text (a leading BOM is skipped; <c>.gz</c> is decompressed).</summary>
    public static StreamReader OpenText(string path) => new(OpenRead(path), Utf8, detectEncodingFromByteOrderMarks: true, 1 << 16);

    /// <summary>Reads the whole (decompressed) text of <paramref name="path"/>.</summary>
    public static string ReadAllText(string path)
    {
        using var reader = OpenText(path);
        return reader.ReadToEnd();
    }

    /// <summary>Streams the lines of <paramref name="path"/> lazily; the file is opened when enumeration starts and closed when it ends.</summary>
    /// <remarks>Lines are split on LF (a CR before it is dropped); a final line without a newline is still returned.</remarks>
    public static IEnumerable<string> ReadLines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Iterate(path);

        static IEnumerable<string> Iterate(string path)
        {
            using var reader = OpenText(path);
            while (reader.ReadLine() is { } line) yield return line;
        }
    }

    /// <summary>The sha256 of the bytes stored on disk (not decompressed), as lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
