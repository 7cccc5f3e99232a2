using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepNlp.Text;

/// <summary>Distinct words of a UTF-8 text and their counts, keyed by the words' bytes in the text itself: counting a
/// corpus needs no string per token, only one per distinct word at the end.</summary>
/// <remarks>An open-addressing table (linear probing, power-of-two size, grown at half full) whose keys are
/// (offset, length) ranges of the caller's buffer; a word's number is the order in which it was first seen.</remarks>
internal sealed class Utf8WordCounter
{
    private readonly List<int> _starts = [];
    private readonly List<int> _lengths = [];
    private readonly List<long> _counts = [];
    private int[] _slots = new int[1 << 12];      // word number + 1, 0 when empty
    private uint[] _hashes = new uint[1 << 12];

    /// <summary>Number of distinct words so far.</summary>
    public int Count => _starts.Count;

    /// <summary>Counts one occurrence of the word at <paramref name="start"/> (length <paramref name="length"/>) of
    /// <paramref name="text"/> and returns its number. <paramref name="text"/> must be the same buffer on every call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ReadOnlySpan<byte> text, int start, int length) => Add(text, start, length, 1);

    /// <summary>Counts <paramref name="count"/> occurrences of the word at <paramref name="start"/> (length
    /// <paramref name="length"/>) of <paramref name="text"/> and returns its number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ReadOnlySpan<byte> text, int start, int length, long count)
    {
        var word = text.Slice(start, length);
        uint h = Utf8TokenTable.Hash(word);
        int mask = _slots.Length - 1;
        int s = (int)h & mask;
        while (true)
        {
            int v = _slots[s];
            if (v == 0) break;
            if (_hashes[s] == h && text.Slice(_starts[v - 1], _lengths[v - 1]).SequenceEqual(word))
            {
                CollectionsMarshal.AsSpan(_counts)[v - 1] += count;
                return v - 1;
            }
            s = (s + 1) & mask;
        }
        int number = _starts.Count;
        _starts.Add(start);
        _lengths.Add(length);
        _counts.Add(count);
        _slots[s] = number + 1;
        _hashes[s] = h;
        if (2 * _starts.Count > _slots.Length) Grow();
        return number;
    }

    /// <summary>Adds every word of <paramref name="other"/> (counted over the same <paramref name="text"/>) with its
    /// count, and returns each of its numbers' number here: the counts of two halves of a text merged are the counts
    /// of the whole.</summary>
    public int[] Merge(ReadOnlySpan<byte> text, Utf8WordCounter other)
    {
        var numbers = new int[other.Count];
        for (int i = 0; i < numbers.Length; i++) numbers[i] = Add(text, other._starts[i], other._lengths[i], other._counts[i]);
        return numbers;
    }

    /// <summary>The word numbered <paramref name="number"/> as a string, and how often it was seen.</summary>
    public (string Word, long Count) Word(ReadOnlySpan<byte> text, int number) =>
        (System.Text.Encoding.UTF8.GetString(text.Slice(_starts[number], _lengths[number])), _counts[number]);

    private void Grow()
    {
        var slots = new int[2 * _slots.Length];
        var hashes = new uint[slots.Length];
        int mask = slots.Length - 1;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] == 0) continue;
            int s = (int)_hashes[i] & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = _slots[i];
            hashes[s] = _hashes[i];
        }
        _slots = slots;
        _hashes = hashes;
    }
}
