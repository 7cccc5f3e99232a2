using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DeepNlp.Kernel.Spec;

/// <summary>Draws the kernelspec logos (logo-32x32.png, logo-64x64.png): "C#" in white on .NET purple.</summary>
/// <remarks>Drawn from a 5x7 bitmap font and encoded as PNG here, so the kit ships no binary image files.</remarks>
internal static class KernelLogo
{
    private static readonly string[] C = [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."];
    private static readonly string[] Sharp = [".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."];

    public static void Write(string folder)
    {
        foreach (var size in new[] { 32, 64 })
            File.WriteAllBytes(Path.Combine(folder, $"logo-{size}x{size}.png"), Png(size));
    }

    internal static byte[] Png(int size)
    {
        var scale = size / 16;
        var glyphWidth = 5 * scale;
        var left = (size - (2 * glyphWidth + scale)) / 2;
        var top = (size - 7 * scale) / 2;
        var radius = size / 6;
        // Scanlines: a filter byte (0, none) then RGBA pixels.
        var raw = new byte[size * (1 + 4 * size)];
        for (var y = 0; y < size; y++)
        {
            var row = y * (1 + 4 * size);
            for (var x = 0; x < size; x++)
            {
                var inside = InsideRoundedSquare(x, y, size, radius);
                var ink = Ink(C, x - left, y - top, scale) || Ink(Sharp, x - left - glyphWidth - scale, y - top, scale);
                var pixel = row + 1 + 4 * x;
                (raw[pixel], raw[pixel + 1], raw[pixel + 2], raw[pixel + 3]) =
                    !inside ? ((byte)0, (byte)0, (byte)0, (byte)0) : ink ? ((byte)255, (byte)255, (byte)255, (byte)255) : ((byte)0x51, (byte)0x2B, (byte)0xD4, (byte)255);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;  // bits per channel
        header[9] = 6;  // colour type RGBA
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static bool Ink(string[] glyph, int x, int y, int scale) =>
        x >= 0 && y >= 0 && x < 5 * scale && y < 7 * scale && glyph[y / scale][x / scale] == '#';

    private static bool InsideRoundedSquare(int x, int y, int size, int radius)
    {
        var dx = Math.Max(0, Math.Max(radius - x, x - (size - 1 - radius)));
        var dy = Math.Max(0, Math.Max(radius - y, y - (size - 1 - radius)));
        return dx * dx + dy * dy <= radius * radius;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeBytes, data));
        png.Write(word);
    }

    // CRC-32 (ISO 3309, polynomial 0xEDB88320) over chunk type and data, as the PNG specification requires.
    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
