using System.Runtime.InteropServices;

namespace DeepNlp.NGrams;

/// <summary>A corpus flattened to one token array for counting: <c>&lt;s&gt; w1 … wk &lt;/s&gt;</c> per sentence, with
/// each token's depth (tokens since its sentence's &lt;s&gt;, capped at 255).</summary>
/// <remarks>Native memory, freed on <see cref="Dispose"/>: the arrays are as long as the corpus and live only while it
/// is counted, and native memory goes back to the system at once instead of waiting as large-object-heap garbage
/// for a full collection (peak memory is a goal of the course benchmark).</remarks>
internal sealed unsafe class CorpusTokens : IDisposable
{
    private int* _tokens;
    private byte* _depth;

    /// <summary>Room for up to <paramref name="capacity"/> tokens.</summary>
    public CorpusTokens(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, int.MaxValue - 1);
        Capacity = (int)Math.Max(capacity, 1);
        _tokens = (int*)NativeMemory.Alloc((nuint)Capacity, sizeof(int));
        _depth = (byte*)NativeMemory.Alloc((nuint)Capacity);
    }

    /// <summary>Tokens written so far.</summary>
    public int Length { get; private set; }

    /// <summary>Sentences written so far.</summary>
    public int Sentences { get; private set; }

    /// <summary>Allocated room.</summary>
    public int Capacity { get; }

    /// <summary>Token ids, boundaries included.</summary>
    public int* Tokens => _tokens;

    /// <summary>Tokens since the sentence's &lt;s&gt; (0 for &lt;s&gt; itself), capped at 255.</summary>
    public byte* Depth => _depth;

    /// <summary>Appends one sentence, <paramref name="bos"/> <paramref name="words"/> <paramref name="eos"/>.</summary>
    public void AddSentence(int bos, int eos, ReadOnlySpan<int> words)
    {
        if ((long)Length + words.Length + 2 > Capacity) throw new InvalidOperationException("The corpus buffer is full.");
        int at = Length;
        _tokens[at] = bos; _depth[at++] = 0;
        for (int k = 0; k < words.Length; k++)
        {
            _tokens[at] = words[k];
            _depth[at++] = (byte)Math.Min(k + 1, 255);
        }
        _tokens[at] = eos; _depth[at++] = (byte)Math.Min(words.Length + 1, 255);
        Length = at;
        Sentences++;
    }

    /// <summary>Sets how much of the buffers a writer filled through <see cref="Tokens"/> and <see cref="Depth"/>.</summary>
    public void SetLength(int length, int sentences)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Capacity);
        Length = length;
        Sentences = sentences;
    }

    /// <summary>The sentences as id arrays, without their boundaries.</summary>
    public List<int[]> ToSentences()
    {
        var result = new List<int[]>(Sentences);
        int p = 0;
        while (p < Length)
        {
            int end = p + 1;
            while (end < Length && _depth[end] != 0) end++;   // the next <s>, or the end
            result.Add(new ReadOnlySpan<int>(_tokens + p + 1, end - p - 2).ToArray());
            p = end;
        }
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        NativeMemory.Free(_tokens);
        NativeMemory.Free(_depth);
        _tokens = null;
        _depth = null;
    }
}
