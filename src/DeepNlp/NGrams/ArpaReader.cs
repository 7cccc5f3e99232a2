using System.Globalization;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Parses ARPA text into a <see cref="BackoffModel"/>, reporting the line of the first problem.</summary>
internal sealed class ArpaReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private Vocabulary? _vocabulary;
    private int _line;

    public ArpaReader(TextReader reader, string source, Vocabulary? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _source = source;
        _vocabulary = vocabulary;
    }

    public BackoffModel Read()
    {
        string? line;
        do line = Next(); while (line is not null && line.Trim() != "\\data\\");
        if (line is null) throw Fail("no \\data\\ header found");
        var declared = new List<long>();
        while ((line = Next()) is not null)
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
            var entries = ReadSection(n, order, declared[n - 1]);
            if (n == 1) ReadUnigrams(entries, words, prob, backoff, order);
            else BuildLevel(n, entries, words, children, prob, backoff, order);
        }
        line = NextNonBlank();
        if (line?.Trim() != "\\end\\") throw Fail($"expected '\\end\\', got '{line?.Trim() ?? "end of file"}'");
        return new BackoffModelData(_vocabulary!, words, children, prob, backoff, "ARPA");
    }

    private readonly record struct Entry(string[] Tokens, float Prob, float Backoff, int Line);

    private List<Entry> ReadSection(int n, int order, long declared)
    {
        var entries = new List<Entry>();
        while (entries.Count < declared)
        {
            var line = Next();
            if (line is null || line.TrimStart().StartsWith('\\') || line.Trim().Length == 0)
                throw Fail($"the {n}-gram section has {entries.Count} entries but the header declares {declared}");
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != n + 1 && !(f.Length == n + 2 && n < order))
                throw Fail($"a {n}-gram line needs log10p, {n} word(s){(n < order ? " and an optional backoff" : "")}; got {f.Length} field(s)");
            float p = ParseFloat(f[0]);
            float b = f.Length == n + 2 ? ParseFloat(f[^1]) : 0f;
            if (p > 0) throw Fail($"log10 probability {f[0]} is positive");
            entries.Add(new Entry(f[1..(n + 1)], p, b, _line));
        }
        return entries;
    }

    private void ReadUnigrams(List<Entry> entries, int[][] words, float[][] prob, float[]?[] backoff, int order)
    {
        if (_vocabulary is null)
        {
            var tokens = entries.Select(e => e.Tokens[0]).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in entries)
                if (!seen.Add(e.Tokens[0])) { _line = e.Line; throw Fail($"unigram '{e.Tokens[0]}' appears twice"); }
            if (!seen.Contains(SpecialTokens.Unknown)) tokens.Add(SpecialTokens.Unknown);
            _vocabulary = Vocabulary.FromTokens(tokens);
        }
        int v = _vocabulary.Count;
        var p = new float[v];
        Array.Fill(p, float.NegativeInfinity);
        var b = new float[v];
        var present = new bool[v];
        foreach (var e in entries)
        {
            _line = e.Line;
            if (!_vocabulary.TryGetId(e.Tokens[0], out int id)) throw Fail($"word '{e.Tokens[0]}' is not in the vocabulary");
            if (present[id]) throw Fail($"unigram '{e.Tokens[0]}' appears twice");
            present[id] = true;
            p[id] = e.Prob;
            b[id] = e.Backoff;
        }
        if (_vocabulary.BeginId < 0 || _vocabulary.EndId < 0 || !present[_vocabulary.BeginId] || !present[_vocabulary.EndId])
            throw Fail($"the unigrams must include {SpecialTokens.BeginSentence} and {SpecialTokens.EndSentence}");
        words[0] = Enumerable.Range(0, v).ToArray();
        prob[0] = p;
        if (order > 1) backoff[0] = b;
    }

    private void BuildLevel(int n, List<Entry> entries, int[][] words, int[]?[] children, float[][] prob, float[]?[] backoff, int order)
    {
        var keys = new ulong[entries.Count];
        var index = new int[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            _line = e.Line;
            int prefix = -1;
            for (int k = 0; k < n; k++)
            {
                if (!_vocabulary!.TryGetId(e.Tokens[k], out int id)) throw Fail($"word '{e.Tokens[k]}' is not in the vocabulary");
                if (k == n - 1) { keys[i] = ((ulong)(uint)prefix << 32) | (uint)id; break; }
                prefix = k == 0 ? (float.IsNegativeInfinity(prob[0][id]) ? -1 : id) : FindChild(words, children, k, prefix, id);
                if (prefix < 0) throw Fail($"its context '{string.Join(' ', e.Tokens[..(k + 1)])}' is not among the {k + 1}-grams (ARPA needs every prefix of an n-gram)");
            }
            index[i] = i;
        }
        Array.Sort(keys, index);
        int below = words[n - 2].Length;
        var block = new int[below + 1];
        var w = new int[keys.Length];
        var p = new float[keys.Length];
        var b = n < order ? new float[keys.Length] : null;
        for (int i = 0; i < keys.Length; i++)
        {
            var e = entries[index[i]];
            if (i > 0 && keys[i] == keys[i - 1]) { _line = Math.Max(e.Line, entries[index[i - 1]].Line); throw Fail($"{n}-gram '{string.Join(' ', e.Tokens)}' appears twice"); }
            block[(int)(keys[i] >> 32) + 1]++;
            w[i] = (int)(uint)keys[i];
            p[i] = e.Prob;
            if (b is not null) b[i] = e.Backoff;
        }
        for (int h = 0; h < below; h++) block[h + 1] += block[h];
        children[n - 2] = block;
        words[n - 1] = w;
        prob[n - 1] = p;
        backoff[n - 1] = b;
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

    private float ParseFloat(string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && !float.IsNaN(value)
            ? value : throw Fail($"'{text}' is not a number");

    private string? Next()
    {
        var line = _reader.ReadLine();
        if (line is not null) _line++;
        return line;
    }

    private string? NextNonBlank()
    {
        string? line;
        do line = Next(); while (line is not null && line.Trim().Length == 0);
        return line;
    }

    private FormatException Fail(string message) => new($"{_source}:{_line}: {message}.");
}
