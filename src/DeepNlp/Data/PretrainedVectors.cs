using System.Globalization;

namespace DeepNlp.Data;

/// <summary>Pre-trained word vectors: a word list and one row-major matrix [words, dimension].</summary>
/// <remarks>Row i of <see cref="Vectors"/> (elements i·Dimension … i·Dimension + Dimension − 1) belongs to <c>Words[i]</c>.</remarks>
public sealed class PretrainedVectors
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the table.</summary>
    /// <param name="words">Words, one per row; must be distinct.</param>
    /// <param name="vectors">Row-major [words.Count, dimension] values.</param>
    /// <param name="dimension">Vector length (≥ 1).</param>
    /// <exception cref="ArgumentException">Sizes disagree or a word repeats.</exception>
    public PretrainedVectors(IReadOnlyList<string> words, float[] vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if ((long)words.Count * dimension != vectors.Length)
            throw new ArgumentException($"{words.Count} words × {dimension} dimensions needs {(long)words.Count * dimension} values, got {vectors.Length}.", nameof(vectors));
        _index = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
        {
            if (!_index.TryAdd(words[i], i)) throw new ArgumentException($"Word '{words[i]}' appears twice (rows {_index[words[i]]} and {i}).", nameof(words));
        }
        Words = words;
        Vectors = vectors;
        Dimension = dimension;
    }

    /// <summary>The words, by row.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>All vectors, row-major [Count, Dimension].</summary>
    public float[] Vectors { get; }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>Number of words.</summary>
    public int Count => Words.Count;

    /// <summary>The row of <paramref name="word"/>, or -1 when absent.</summary>
    public int IndexOf(string word) => _index.TryGetValue(word, out int i) ? i : -1;

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => _index.ContainsKey(word);

    /// <summary>The vector in row <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The row does not exist.</exception>
    public ReadOnlySpan<float> Vector(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Vectors.AsSpan(index * Dimension, Dimension);
    }

    /// <summary>The vector of <paramref name="word"/>.</summary>
    /// <exception cref="KeyNotFoundException">The word has no vector.</exception>
    public ReadOnlySpan<float> Vector(string word) =>
        _index.TryGetValue(word, out int i) ? Vector(i) : throw new KeyNotFoundException($"'{word}' has no pre-trained vector.");

    /// <summary>Reads the GloVe text format: one line per word, the word then its values, separated by single spaces.</summary>
    /// <param name="lines">The file's lines (no header line; a word2vec "count dim" header is skipped).</param>
    /// <param name="source">File name used in error messages.</param>
    /// <param name="maxWords">Read at most this many words (files are in frequency order); null for all.</param>
    /// <exception cref="FormatException">A line has a different number of values than the first, or a value is not a number (message names file and line).</exception>
    public static PretrainedVectors ReadText(IEnumerable<string> lines, string source, int? maxWords = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var words = new List<string>();
        var values = new List<float>();
        int dim = -1, lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (maxWords is { } m && words.Count >= m) break;
            if (line.Length == 0) continue;
            var f = line.TrimEnd().Split(' ');
            if (lineNo == 1 && f.Length == 2 && int.TryParse(f[0], out _) && int.TryParse(f[1], out _)) continue;
            if (dim < 0) dim = f.Length - 1;
            if (dim < 1 || f.Length - 1 != dim)
                throw new FormatException($"{source}:{lineNo}: expected a word and {Math.Max(dim, 1)} values, got {f.Length} fields.");
            words.Add(f[0]);
            for (int j = 1; j < f.Length; j++)
            {
                if (!float.TryParse(f[j], NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                    throw new FormatException($"{source}:{lineNo}: value {j} '{f[j]}' is not a number.");
                values.Add(v);
            }
        }
        if (dim < 1) throw new FormatException($"{source}: no vectors found.");
        try { return new PretrainedVectors(words, values.ToArray(), dim); }
        catch (ArgumentException e) { throw new FormatException($"{source}: {e.Message}", e); }
    }

    /// <summary>Reads a GloVe text file (plain or <c>.gz</c>), e.g. a full GloVe file downloaded by the user.</summary>
    /// <exception cref="FormatException">The file is malformed (message names file and line).</exception>
    public static PretrainedVectors ReadText(string path, int? maxWords = null) => ReadText(TextFile.ReadLines(path), path, maxWords);

    /// <inheritdoc />
    public override string ToString() => $"PretrainedVectors({Count:N0} words × {Dimension})";
}
