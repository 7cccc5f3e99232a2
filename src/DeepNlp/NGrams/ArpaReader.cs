using System.Globalization;
using System.Text;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Parses ARPA text, held as UTF-8 bytes, into a <see cref="BackoffModel"/>, reporting the line of the first problem.</summary>
/// <remarks>
/// Works on the bytes directly (issue 21: the string-per-field parser took 12.5 s for a 264 MB 5-gram file): numbers are
/// parsed from byte spans (<c>float.TryParse(ReadOnlySpan&lt;byte&gt;)</c>, the same round-trip rules as the string
/// parse), words are looked up from their bytes in the vocabulary's UTF-8 table, and each order's entries go straight
/// into pre-sized key/probability/backoff arrays (the header declares the counts). An order whose lines are already
/// in trie order (as <see cref="ArpaFile.Write(BackoffModel, string)"/> writes them) is not sorted again.
/// Lines end with '\n'; a '\r' before it is whitespace. Fields are separated by spaces or tabs.
/// </remarks>
internal sealed class ArpaReader
{
    private readonly byte[] _text;
    private readonly string _source;
    private Vocabulary? _vocabulary;
    private int _pos;
    private int _line;

    public ArpaReader(byte[] utf8, string source, Vocabulary? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        _text = utf8;
        _source = source;
        _vocabulary = vocabulary;
        if (_text.AsSpan().StartsWith(Encoding.UTF8.Preamble)) _pos = Encoding.UTF8.Preamble.Length;
    }

    private static ReadOnlySpan<byte> Space => " \t\r\v\f"u8;

    public BackoffModel Read()
    {
        string? line;
        do line = NextString(); while (line is not null && line.Trim() != "\\data\\");
        if (line is null) throw Fail("no \\data\\ header found");
        var declared = new List<long>();
        while ((line = NextString()) is not null)
        {
            var t = line.Trim();
            if (t.Length == 0) continue;
            if (t.StartsWith('\\')) break;
            var m = t.Split('=');
            if (m.Length != 2 || !m[0].StartsWith("ngram ", StringComparison.Ordinal)
                || !int.TryParse(m[0].AsSpan(6), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
                || !long.TryParse(m[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) || count < 0)
                throw Fail($"expected 'ngram N=COUNT', got '{t}'");
            if (n != declared.Count + 1) throw Fail($"expected the count of {declared.Count + 1}-grams, got {n}-grams");
            if (count > Array.MaxLength) throw Fail($"{count:N0} {n}-grams are more than one array can hold");
            declared.Add(count);
        }
        if (declared.Count == 0) throw Fail("the \\data\\ header declares no n-gram counts");
        int order = declared.Count;
        var words = new int[order][];
        var children = new int[]?[order];
        var prob = new float[order][];
        var backoff = new float[]?[order];
        for (int n = 1; n <= order; n++)
        {
            if (n > 1) line = NextNonBlank();
            if (line?.Trim() != $"\\{n}-grams:") throw Fail($"expected '\\{n}-grams:', got '{line?.Trim() ?? "end of file"}'");
            if (n == 1) ReadUnigrams((int)declared[0], words, prob, backoff, order);
            else ReadLevel(n, (int)declared[n - 1], words, children, prob, backoff, order);
        }
        line = NextNonBlank();
        if (line?.Trim() != "\\end\\") throw Fail($"expected '\\end\\', got '{line?.Trim() ?? "end of file"}'");
        return new BackoffModelData(_vocabulary!, words, children, prob, backoff, "ARPA");
    }

    /// <summary>The next line (without its '\n'), or false at the end of the text.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        if (_pos >= _text.Length) { line = default; return false; }
        var rest = _text.AsSpan(_pos);
        int eol = rest.IndexOf((byte)'\n');
        line = eol >= 0 ? rest[..eol] : rest;
        _pos += eol >= 0 ? eol + 1 : rest.Length;
        _line++;
        return true;
    }

    private string? NextString() => NextLine(out var line) ? Encoding.UTF8.GetString(line) : null;

    private string? NextNonBlank()
    {
        string? line;
        do line = NextString(); while (line is not null && line.Trim().Length == 0);
        return line;
    }

    /// <summary>One n-gram line split into its fields: log10 p, the words' byte ranges, and the backoff (0 if absent).</summary>
    private ReadOnlySpan<byte> Fields(int n, int order, int had, long declared, Span<Range> fields, out int count)
    {
        if (!NextLine(out var line) || line.TrimStart(Space).StartsWith("\\"u8) || line.Trim(Space).Length == 0)
            throw Fail($"the {n}-gram section has {had} entries but the header declares {declared}");
        count = 0;
        int at = 0;
        while (true)
        {
            int start = line[at..].IndexOfAnyExcept(Space);
            if (start < 0) break;
            start += at;
            int end = line[start..].IndexOfAny(Space);
            end = end < 0 ? line.Length : start + end;
            if (count < fields.Length) fields[count] = start..end;
            count++;
            at = end;
        }
        if (count != n + 1 && !(count == n + 2 && n < order))
            throw Fail($"a {n}-gram line needs log10p, {n} word(s){(n < order ? " and an optional backoff" : "")}; got {count} field(s)");
        return line;
    }

    private float ParseFloat(ReadOnlySpan<byte> text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && !float.IsNaN(value)
            ? value : throw Fail($"'{Encoding.UTF8.GetString(text)}' is not a number");

    private float Probability(ReadOnlySpan<byte> text)
    {
        float p = ParseFloat(text);
        return p > 0 ? throw Fail($"log10 probability {Encoding.UTF8.GetString(text)} is positive") : p;
    }

    private void ReadUnigrams(int declared, int[][] words, float[][] prob, float[]?[] backoff, int order)
    {
        var fields = new Range[4];
        var tokens = new string[declared];
        var ps = new float[declared];
        var bs = new float[declared];
        var lines = new int[declared];
        for (int i = 0; i < declared; i++)
        {
            var line = Fields(1, order, i, declared, fields, out int count);
            ps[i] = Probability(line[fields[0]]);
            bs[i] = count == 3 ? ParseFloat(line[fields[2]]) : 0f;
            tokens[i] = Encoding.UTF8.GetString(line[fields[1]]);
            lines[i] = _line;
        }
        int endLine = _line;
        if (_vocabulary is null)
        {
            var seen = new HashSet<string>(declared, StringComparer.Ordinal);
            for (int i = 0; i < declared; i++)
                if (!seen.Add(tokens[i])) { _line = lines[i]; throw Fail($"unigram '{tokens[i]}' appears twice"); }
            _vocabulary = Vocabulary.FromTokens(seen.Contains(SpecialTokens.Unknown) ? tokens : [.. tokens, SpecialTokens.Unknown]);
        }
        int v = _vocabulary.Count;
        var p = new float[v];
        Array.Fill(p, float.NegativeInfinity);
        var b = new float[v];
        var present = new bool[v];
        for (int i = 0; i < declared; i++)
        {
            _line = lines[i];
            if (!_vocabulary.TryGetId(tokens[i], out int id)) throw Fail($"word '{tokens[i]}' is not in the vocabulary");
            if (present[id]) throw Fail($"unigram '{tokens[i]}' appears twice");
            present[id] = true;
            p[id] = ps[i];
            b[id] = bs[i];
        }
        _line = endLine;
        if (_vocabulary.BeginId < 0 || _vocabulary.EndId < 0 || !present[_vocabulary.BeginId] || !present[_vocabulary.EndId])
            throw Fail($"the unigrams must include {SpecialTokens.BeginSentence} and {SpecialTokens.EndSentence}");
        var ids = new int[v];
        for (int i = 0; i < v; i++) ids[i] = i;
        words[0] = ids;
        prob[0] = p;
        if (order > 1) backoff[0] = b;
    }

    private void ReadLevel(int n, int declared, int[][] words, int[]?[] children, float[][] prob, float[]?[] backoff, int order)
    {
        var table = _vocabulary!.Utf8;
        var fields = new Range[n + 3];
        var keys = new ulong[declared];
        var p = new float[declared];
        var b = n < order ? new float[declared] : null;
        var lines = new int[declared];
        bool sorted = true;
        // Consecutive lines usually share their first words (files in trie order share whole contexts): the context
        // ids of the previous line are reused up to the first word that differs, skipping their lookups.
        var previousFields = new Range[n + 3];
        ReadOnlySpan<byte> previous = default;
        var prefixes = new int[n];   // prefixes[k]: id of the previous line's first k+1 words in level k
        for (int i = 0; i < declared; i++)
        {
            var line = Fields(n, order, i, declared, fields, out int count);
            p[i] = Probability(line[fields[0]]);
            if (count == n + 2) { float bo = ParseFloat(line[fields[n + 1]]); if (b is not null) b[i] = bo; }
            lines[i] = _line;
            int same = 0;
            if (i > 0)
                while (same < n - 1 && line[fields[same + 1]].SequenceEqual(previous[previousFields[same + 1]])) same++;
            int prefix = same > 0 ? prefixes[same - 1] : -1;
            for (int k = same; k < n; k++)
            {
                var word = line[fields[k + 1]];
                int id = table.IdOrDefault(word, -1);
                if (id < 0) throw Fail($"word '{Encoding.UTF8.GetString(word)}' is not in the vocabulary");
                if (k == n - 1) { keys[i] = ((ulong)(uint)prefix << 32) | (uint)id; break; }
                prefix = k == 0 ? (float.IsNegativeInfinity(prob[0][id]) ? -1 : id) : FindChild(words, children, k, prefix, id);
                if (prefix < 0)
                    throw Fail($"its context '{Encoding.UTF8.GetString(line[fields[1].Start..fields[k + 1].End])}' is not among the {k + 1}-grams (ARPA needs every prefix of an n-gram)");
                prefixes[k] = prefix;
            }
            previous = line;
            fields.AsSpan(0, n + 1).CopyTo(previousFields);
            if (i > 0 && keys[i] <= keys[i - 1]) sorted = false;
        }
        int endLine = _line;
        if (!sorted)
        {
            // Sort an index by key, then permute the columns (lmplz's order is not the trie's: its ids are not ours).
            var index = new int[declared];
            for (int i = 0; i < declared; i++) index[i] = i;
            Array.Sort(keys, index);
            p = Permute(p, index);
            if (b is not null) b = Permute(b, index);
            lines = Permute(lines, index);
        }
        int below = words[n - 2].Length;
        var block = new int[below + 1];
        var w = new int[declared];
        for (int i = 0; i < declared; i++)
        {
            if (i > 0 && keys[i] == keys[i - 1])
            {
                _line = Math.Max(lines[i], lines[i - 1]);
                throw Fail($"{n}-gram '{Describe(n, words, children, keys[i])}' appears twice");
            }
            block[(int)(keys[i] >> 32) + 1]++;
            w[i] = (int)(uint)keys[i];
        }
        _line = endLine;
        for (int h = 0; h < below; h++) block[h + 1] += block[h];
        children[n - 2] = block;
        words[n - 1] = w;
        prob[n - 1] = p;
        backoff[n - 1] = b;
    }

    private static T[] Permute<T>(T[] values, int[] index)
    {
        var result = new T[values.Length];
        for (int i = 0; i < index.Length; i++) result[i] = values[index[i]];
        return result;
    }

    /// <summary>The words of the n-gram (context id in level n-2, last word) for an error message.</summary>
    private string Describe(int n, int[][] words, int[]?[] children, ulong key)
    {
        var ids = new int[n];
        ids[n - 1] = (int)(uint)key;
        int id = (int)(key >> 32);
        for (int k = n - 2; k >= 0; k--)
        {
            ids[k] = words[k][id];
            if (k > 0) id = ParentOf(children[k - 1]!, id);
        }
        return string.Join(' ', ids.Select(i => _vocabulary![i]));
    }

    /// <summary>The context whose block holds entry <paramref name="entry"/> (the last offset ≤ entry with a non-empty block).</summary>
    private static int ParentOf(int[] block, int entry)
    {
        int lo = 0, hi = block.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (block[mid] <= entry) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static int FindChild(int[][] words, int[]?[] children, int k, int ctx, int word)
    {
        int lo = children[k - 1]![ctx], hi = children[k - 1]![ctx + 1] - 1;
        var ws = words[k];
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ws[mid] == word) return mid;
            if (ws[mid] < word) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    private FormatException Fail(string message) => new($"{_source}:{_line}: {message}.");
}
