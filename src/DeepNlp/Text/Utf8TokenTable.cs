using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeepNlp.Text;

/// <summary>Token ids looked up straight from UTF-8 bytes: an open-addressing table over the vocabulary's encoded
/// tokens, so text read as bytes is mapped to ids without decoding it into strings (what KenLM's <c>query</c> does).</summary>
/// <remarks>Built once per vocabulary (<see cref="Vocabulary.Utf8"/>); about 20 bytes per token.</remarks>
internal sealed class Utf8TokenTable
{
    private readonly byte[] _bytes;      // every token's UTF-8, back to back
    private readonly int[] _offsets;     // [id] .. [id+1] in _bytes
    private readonly int[] _slots;       // id + 1, 0 when empty; power-of-two size, linear probing
    private readonly uint[] _hashes;     // the full hash of the slot's token, to skip most byte comparisons
    private readonly int _mask;

    public Utf8TokenTable(IReadOnlyList<string> tokens)
    {
        _offsets = new int[tokens.Count + 1];
        var all = new List<byte>();
        for (int i = 0; i < tokens.Count; i++)
        {
            all.AddRange(Encoding.UTF8.GetBytes(tokens[i]));
            _offsets[i + 1] = all.Count;
        }
        _bytes = all.ToArray();
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, tokens.Count * 2));
        _slots = new int[size];
        _hashes = new uint[size];
        _mask = size - 1;
        for (int id = 0; id < tokens.Count; id++)
        {
            var token = _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);
            uint h = Hash(token);
            int s = (int)h & _mask;
            while (_slots[s] != 0)
            {
                if (_hashes[s] == h && Token(_slots[s] - 1).SequenceEqual(token)) break;   // duplicate: the first id wins, as in Vocabulary
                s = (s + 1) & _mask;
            }
            if (_slots[s] != 0) continue;
            _slots[s] = id + 1;
            _hashes[s] = h;
        }
    }

    private ReadOnlySpan<byte> Token(int id) => _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The id of the token whose UTF-8 is <paramref name="token"/>, or <paramref name="missing"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IdOrDefault(ReadOnlySpan<byte> token, int missing)
    {
        uint h = Hash(token);
        int s = (int)h & _mask;
        while (true)
        {
            int v = _slots[s];
            if (v == 0) return missing;
            if (_hashes[s] == h && Token(v - 1).SequenceEqual(token)) return v - 1;
            s = (s + 1) & _mask;
        }
    }

    /// <summary>A fast non-cryptographic hash, 8 bytes per multiply (keys are vocabulary words, not adversarial input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        ulong h = (ulong)bytes.Length * Prime;
        while (bytes.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Prime;
            h ^= h >> 29;
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        h = (h ^ tail) * Prime;
        return (uint)(h >> 32) ^ (uint)h;
    }
}
