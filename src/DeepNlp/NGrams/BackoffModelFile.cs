using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>The kit's binary format for <see cref="BackoffModel"/>s: the in-memory trie written as it is, read back
/// with one read per array and no parsing or hashing of n-grams (the counterpart of KenLM's <c>build_binary</c>).</summary>
/// <remarks>
/// Layout, little-endian throughout (version 1):
/// <code>
/// header   "DNLPBKF\0" magic (8 bytes), uint32 version, uint32 order, int64 file length, uint64 payload checksum
/// payload  name: int32 byte count + UTF-8
///          vocabulary: int32 count, then per token int32 byte count + UTF-8, then int64[count] frequencies
///          per level k = 0 … order-1: int32 entries, int32[entries] last word, float32[entries] log10 p,
///            and below the top also float32[entries] log10 backoff and int32[entries+1] child block offsets
/// trailer  "DNLPEND\0"
/// </code>
/// The arrays are the model's own (<see cref="BackoffModel"/> remarks: level k holds the (k+1)-grams sorted by
/// (context id, word)), so a model read back gives bit-identical probabilities. The checksum (a 4-lane multiply–xor
/// hash over the payload, see <see cref="Checksum"/>) catches corruption; the file length catches truncation; the
/// trie is also checked structurally on load (offsets monotone and in range, words in the vocabulary), so even a file
/// that was edited and re-checksummed cannot make a lookup read out of bounds. Writes are atomic.
/// </remarks>
public static class BackoffModelFile
{
    /// <summary>The 8 bytes every file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "DNLPBKF\0"u8;

    private static ReadOnlySpan<byte> EndMagic => "DNLPEND\0"u8;

    /// <summary>The format version this code writes and reads.</summary>
    public const uint Version = 1;

    private const int HeaderBytes = 8 + 4 + 4 + 8 + 8;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    public static void Write(BackoffModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        RequireLittleEndian();
        AtomicFile.Write(path, stream => Write(model, stream));
    }

    private static void Write(BackoffModel model, Stream stream)
    {
        var segments = Payload(model);
        long length = HeaderBytes + EndMagic.Length;
        var checksum = new Checksum();
        foreach (var s in segments)
        {
            length += s.Length;
            checksum.Add(s.Span);
        }
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)model.Order);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], checksum.Value);
        stream.Write(header);
        foreach (var s in segments) stream.Write(s.Span);
        stream.Write(EndMagic);
    }

    /// <summary>The payload as byte views of the model's arrays, in file order (no copy of the n-gram arrays).</summary>
    private static List<ReadOnlyMemory<byte>> Payload(BackoffModel model)
    {
        var segments = new List<ReadOnlyMemory<byte>>();
        void Int32(int value)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, value);
            segments.Add(b);
        }
        void Bytes(byte[] b) { Int32(b.Length); segments.Add(b); }
        void Array<T>(T[] a) where T : struct => segments.Add(new ArrayBytes<T>(a).Memory);

        Bytes(Encoding.UTF8.GetBytes(model.Name));
        var v = model.Vocabulary;
        Int32(v.Count);
        foreach (var t in v.Tokens) Bytes(Encoding.UTF8.GetBytes(t));
        Array(v.Frequencies.ToArray());
        for (int k = 0; k < model.Order; k++)
        {
            Int32(model.Words[k].Length);
            Array(model.Words[k]);
            Array(model.Log10Probs[k]);
            if (k < model.Order - 1)
            {
                Array(model.Log10Backoffs[k]!);
                Array(model.Children[k]!);
            }
        }
        return segments;
    }

    /// <summary>Reads a model written by <see cref="Write(BackoffModel, string)"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a model file, has another version, is truncated or corrupt;
    /// the message names the file and what is wrong.</exception>
    public static BackoffModel Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireLittleEndian();
        // bufferSize 1: no FileStream buffer, each array is filled by one read straight from the file.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return new Reader(stream, path).Read();
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The n-gram binary format is little-endian; this machine is big-endian.");
    }

    private sealed class Reader(FileStream stream, string path)
    {
        private readonly Checksum _checksum = new();
        private long _remaining;   // payload bytes left before the trailer

        public BackoffModel Read()
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (got < 8 || !header[..8].SequenceEqual(Magic))
                throw Fail("not a DeepNlp n-gram binary model (the file does not start with the magic 'DNLPBKF')");
            if (got < HeaderBytes) throw Fail($"truncated: the file ends inside the {HeaderBytes}-byte header");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version != Version) throw Fail($"format version {version}; this code reads version {Version}");
            uint order = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            long declared = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            long actual = stream.Length;
            if (actual < declared) throw Fail($"truncated: {actual:N0} bytes, the header declares {declared:N0}");
            if (actual > declared) throw Fail($"{actual:N0} bytes, the header declares {declared:N0} (trailing data)");
            if (order is < 1 or > 64) throw Fail($"corrupt header: order {order}");
            _remaining = declared - HeaderBytes - EndMagic.Length;

            string name = Encoding.UTF8.GetString(Bytes("the model name"));
            int count = Int32("the vocabulary size");
            var tokens = new string[count];
            for (int i = 0; i < count; i++) tokens[i] = Encoding.UTF8.GetString(Bytes("a vocabulary token"));
            var frequencies = Array<long>(count, "the vocabulary frequencies");
            int o = (int)order;
            var words = new int[o][];
            var children = new int[]?[o];
            var prob = new float[o][];
            var backoff = new float[]?[o];
            for (int k = 0; k < o; k++)
            {
                int n = Int32($"the number of {k + 1}-grams");
                words[k] = Array<int>(n, $"the {k + 1}-gram words");
                prob[k] = Array<float>(n, $"the {k + 1}-gram probabilities");
                if (k < o - 1)
                {
                    backoff[k] = Array<float>(n, $"the {k + 1}-gram backoffs");
                    children[k] = Array<int>(n + 1, $"the {k + 1}-gram child offsets");
                }
            }
            if (_remaining != 0) throw Fail($"corrupt: {_remaining:N0} payload bytes left after the last level");
            Span<byte> end = stackalloc byte[EndMagic.Length];
            if (stream.ReadAtLeast(end, end.Length, throwOnEndOfStream: false) != end.Length || !end.SequenceEqual(EndMagic))
                throw Fail("corrupt: the end marker is missing");
            if (_checksum.Value != expected) throw Fail("corrupt: the checksum does not match the content");

            Vocabulary vocabulary;
            try { vocabulary = Vocabulary.FromTokens(tokens, frequencies); }
            catch (ArgumentException e) { throw Fail($"corrupt vocabulary: {e.Message}"); }
            Validate(vocabulary, words, children, prob);
            try { return new BackoffModelData(vocabulary, words, children, prob, backoff, name); }
            catch (ArgumentException e) { throw Fail(e.Message); }
        }

        /// <summary>The trie invariants every lookup relies on, so that no corrupt file can send a lookup out of bounds.</summary>
        private void Validate(Vocabulary vocabulary, int[][] words, int[]?[] children, float[][] prob)
        {
            int v = vocabulary.Count;
            if (words[0].Length != v) throw Fail($"corrupt: {words[0].Length:N0} unigram slots for a vocabulary of {v:N0}");
            for (int k = 0; k < words.Length; k++)
            {
                foreach (int w in words[k])
                    if ((uint)w >= (uint)v) throw Fail($"corrupt: a {k + 1}-gram ends in word id {w}, outside the vocabulary of {v:N0}");
                foreach (float p in prob[k])
                    if (!(p <= 0)) throw Fail($"corrupt: a {k + 1}-gram has log10 probability {p}");
            }
            for (int k = 0; k < words.Length; k++)
            {
                if (children[k] is not { } block) continue;
                int above = words[k + 1].Length;
                if (block[0] != 0 || block[^1] != above) throw Fail($"corrupt: the {k + 1}-gram child offsets do not span the {above:N0} {k + 2}-grams");
                for (int i = 1; i < block.Length; i++)
                {
                    if (block[i] < block[i - 1]) throw Fail($"corrupt: the {k + 1}-gram child offsets decrease at entry {i}");
                    for (int g = block[i - 1] + 1; g < block[i]; g++)
                        if (words[k + 1][g] <= words[k + 1][g - 1]) throw Fail($"corrupt: the continuations of {k + 1}-gram {i - 1} are not sorted by word");
                }
            }
        }

        private int Int32(string what)
        {
            Span<byte> b = stackalloc byte[4];
            Fill(b, what);
            int value = BinaryPrimitives.ReadInt32LittleEndian(b);
            if (value < 0) throw Fail($"corrupt: {what} is {value}");
            return value;
        }

        private byte[] Bytes(string what)
        {
            int n = Int32($"the length of {what}");
            if (n > _remaining) throw Fail($"corrupt: {what} claims {n:N0} bytes, more than the file holds");
            var b = new byte[n];
            Fill(b, what);
            return b;
        }

        private T[] Array<T>(int n, string what) where T : unmanaged
        {
            if ((long)n * Marshal.SizeOf<T>() > _remaining) throw Fail($"corrupt: {what} claims {n:N0} entries, more than the file holds");
            var a = GC.AllocateUninitializedArray<T>(n);
            Fill(MemoryMarshal.AsBytes(a.AsSpan()), what);
            return a;
        }

        private void Fill(Span<byte> destination, string what)
        {
            if (destination.Length > _remaining) throw Fail($"corrupt: {what} runs past the end of the payload");
            stream.ReadExactly(destination);
            _remaining -= destination.Length;
            _checksum.Add(destination);
        }

        private FormatException Fail(string message) => new($"{path}: {message}.");
    }

    /// <summary>A byte view of an array, for writing it without a copy.</summary>
    /// <remarks>Only <see cref="GetSpan"/> is used (stream writes of spans); the array is never pinned.</remarks>
    private sealed class ArrayBytes<T>(T[] array) : System.Buffers.MemoryManager<byte> where T : struct
    {
        public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin() { }

        protected override void Dispose(bool disposing) { }
    }

    /// <summary>The payload checksum: four independent multiply–xor lanes over little-endian 64-bit words (so it runs
    /// near memory speed), each added segment folded into the running value with its length.</summary>
    /// <remarks>Not cryptographic: it detects accidental corruption (bit flips, truncation, overwritten blocks).</remarks>
    internal sealed class Checksum
    {
        private const ulong Prime = 0x9E3779B97F4A7C15UL;

        /// <summary>The checksum of everything added so far.</summary>
        public ulong Value { get; private set; } = 0x243F6A8885A308D3UL;

        /// <summary>Folds one segment into the checksum.</summary>
        public void Add(ReadOnlySpan<byte> bytes)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            ulong a = 1, b = 2, c = 3, d = 4;
            int i = 0;
            for (; i + 4 <= words.Length; i += 4)
            {
                a = (a ^ words[i]) * Prime;
                b = (b ^ words[i + 1]) * Prime;
                c = (c ^ words[i + 2]) * Prime;
                d = (d ^ words[i + 3]) * Prime;
            }
            for (; i < words.Length; i++) a = (a ^ words[i]) * Prime;
            for (int j = words.Length * 8; j < bytes.Length; j++) b = (b ^ bytes[j]) * Prime;
            ulong h = Value;
            foreach (ulong lane in (ReadOnlySpan<ulong>)[a, b, c, d, (ulong)bytes.Length])
                h = (h ^ (lane ^ (lane >> 29))) * Prime;
            Value = h ^ (h >> 32);
        }
    }
}
