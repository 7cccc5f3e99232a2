using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace DeepNlp.Text;

/// <summary>A bidirectional map between tokens and integer ids, with the training frequency of each token.</summary>
/// <remarks>
/// Ids are dense, 0..<see cref="Count"/>-1. Special tokens come first (in the order given), then ordinary tokens by
/// descending frequency, ties broken by ordinal string order, so the same counts always give the same ids.
/// Tokens below <c>minCount</c> (or beyond <c>maxSize</c>) are left out and encode as <c>&lt;unk&gt;</c>; their
/// total frequency is added to <c>&lt;unk&gt;</c>'s.
/// </remarks>
public sealed class Vocabulary
{
    private readonly string[] _tokens;
    private readonly long[] _frequencies;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens, long[] frequencies)
    {
        _tokens = tokens;
        _frequencies = frequencies;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (!_ids.TryAdd(tokens[i], i))
                throw new ArgumentException($"Token '{tokens[i]}' appears twice in the vocabulary.", nameof(tokens));
        }
    }

    /// <summary>Number of tokens, special tokens included.</summary>
    public int Count => _tokens.Length;

    /// <summary>All tokens, indexed by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Training frequency of each token, indexed by id (special tokens: 0, except &lt;unk&gt;, which gets the pruned mass).</summary>
    public IReadOnlyList<long> Frequencies => _frequencies;

    /// <summary>Id of &lt;unk&gt;, or -1 when the vocabulary has none (e.g. a closed character set).</summary>
    public int UnknownId => IdOrDefault(SpecialTokens.Unknown, -1);

    /// <summary>Id of &lt;s&gt;, or -1 when absent.</summary>
    public int BeginId => IdOrDefault(SpecialTokens.BeginSentence, -1);

    /// <summary>Id of &lt;/s&gt;, or -1 when absent.</summary>
    public int EndId => IdOrDefault(SpecialTokens.EndSentence, -1);

    /// <summary>Id of &lt;pad&gt;, or -1 when absent.</summary>
    public int PaddingId => IdOrDefault(SpecialTokens.Padding, -1);

    /// <summary>The token with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not in 0..Count-1.</exception>
    public string this[int id]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
            return _tokens[id];
        }
    }

    /// <summary>The id of <paramref name="token"/>, or the &lt;unk&gt; id when it is not in the vocabulary.</summary>
    /// <exception cref="KeyNotFoundException">The token is unknown and the vocabulary has no &lt;unk&gt;.</exception>
    public int this[string token] => TryGetId(token, out int id) ? id
        : UnknownId >= 0 ? UnknownId
        : throw new KeyNotFoundException($"Token '{token}' is not in the vocabulary and the vocabulary has no {SpecialTokens.Unknown}.");

    /// <summary>Looks a token up without falling back to &lt;unk&gt;.</summary>
    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    /// <summary>Whether <paramref name="token"/> has its own id.</summary>
    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>Training frequency of the token with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not in 0..Count-1.</exception>
    public long Frequency(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        return _frequencies[id];
    }

    /// <summary>Maps tokens to ids; unknown tokens become &lt;unk&gt;.</summary>
    public int[] Encode(IEnumerable<string> tokens) => tokens.Select(t => this[t]).ToArray();

    /// <summary>Tokenizes <paramref name="text"/> and maps the tokens to ids (e.g. <c>vocab.Encode(text, CharTokenizer.Instance)</c>).</summary>
    public int[] Encode(string text, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Encode(tokenizer.Tokenize(text));
    }

    /// <summary>Maps ids back to tokens.</summary>
    public string[] Decode(IEnumerable<int> ids) => ids.Select(i => this[i]).ToArray();

    /// <summary>Builds a vocabulary from a token stream.</summary>
    /// <param name="tokens">Training tokens. A special token in the stream (e.g. &lt;/s&gt; appended per sentence) is never an
    /// ordinary entry; its count becomes the special token's frequency.</param>
    /// <param name="minCount">Keep tokens seen at least this many times.</param>
    /// <param name="maxSize">Keep at most this many ordinary tokens (the most frequent); null for no limit.</param>
    /// <param name="specials">Special tokens given the first ids; default <see cref="SpecialTokens.All"/>.</param>
    public static Vocabulary Build(IEnumerable<string> tokens, int minCount = 1, int? maxSize = null, IEnumerable<string>? specials = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in tokens)
            CollectionsMarshal.GetValueRefOrAddDefault(counts, t, out _)++;
        return FromCounts(counts, minCount, maxSize, specials);
    }

    /// <summary>Builds a vocabulary from token counts.</summary>
    /// <param name="counts">Token → frequency.</param>
    /// <param name="minCount">Keep tokens seen at least this many times.</param>
    /// <param name="maxSize">Keep at most this many ordinary tokens; null for no limit.</param>
    /// <param name="specials">Special tokens given the first ids; default <see cref="SpecialTokens.All"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> is below 1 or <paramref name="maxSize"/> is negative.</exception>
    public static Vocabulary FromCounts(IReadOnlyDictionary<string, long> counts, int minCount = 1, int? maxSize = null, IEnumerable<string>? specials = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (maxSize is < 0) throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "maxSize must be non-negative.");
        var special = (specials ?? SpecialTokens.All).ToArray();
        var specialSet = new HashSet<string>(special, StringComparer.Ordinal);
        var ordinary = counts.Where(kv => !specialSet.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var kept = ordinary.Where(kv => kv.Value >= minCount).Take(maxSize ?? int.MaxValue).ToList();
        long pruned = ordinary.Sum(kv => kv.Value) - kept.Sum(kv => kv.Value);

        var tokens = special.Concat(kept.Select(kv => kv.Key)).ToArray();
        var freqs = special.Select(s => s == SpecialTokens.Unknown ? pruned + counts.GetValueOrDefault(s) : counts.GetValueOrDefault(s))
            .Concat(kept.Select(kv => kv.Value)).ToArray();
        return new Vocabulary(tokens, freqs);
    }

    /// <summary>A closed character vocabulary: every distinct character of <paramref name="text"/>, sorted by code point, no special tokens.</summary>
    /// <remarks>tinyshakespeare gives 65 symbols, as in karpathy's char-rnn.</remarks>
    public static Vocabulary FromCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in CharTokenizer.Instance.Tokenize(text))
            counts[t] = counts.GetValueOrDefault(t) + 1;
        var tokens = counts.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        return new Vocabulary(tokens, tokens.Select(t => counts[t]).ToArray());
    }

    /// <summary>Creates a vocabulary from an explicit token list (ids in list order) and optional frequencies.</summary>
    public static Vocabulary FromTokens(IEnumerable<string> tokens, IEnumerable<long>? frequencies = null)
    {
        var t = tokens.ToArray();
        var f = frequencies?.ToArray() ?? new long[t.Length];
        if (f.Length != t.Length) throw new ArgumentException("One frequency per token is needed.", nameof(frequencies));
        return new Vocabulary(t, f);
    }

    /// <summary>Writes the vocabulary as UTF-8 text, one "token TAB frequency" line per id, atomically.</summary>
    /// <exception cref="ArgumentException">A token contains a tab or a line break, which the format cannot hold.</exception>
    public void Save(string path)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            var token = _tokens[i];
            if (token.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
                throw new ArgumentException($"Token {i} contains a tab or line break and cannot be saved: {Escape(token)}.", nameof(path));
            sb.Append(token).Append('\t').Append(_frequencies[i]).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is malformed or repeats a token; the message names the file and line.</exception>
    public static Vocabulary Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tokens = new List<string>();
        var freqs = new List<long>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            int tab = line.LastIndexOf('\t');
            if (tab < 0 || !long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long f))
                throw new FormatException($"{path}:{lineNo}: expected 'token<TAB>frequency' (a non-negative integer), got '{Escape(line)}'.");
            var token = line[..tab];
            if (!firstLine.TryAdd(token, lineNo))
                throw new FormatException($"{path}:{lineNo}: token '{Escape(token)}' already appeared on line {firstLine[token]}.");
            tokens.Add(token);
            freqs.Add(f);
        }
        return new Vocabulary(tokens.ToArray(), freqs.ToArray());
    }

    private Utf8TokenTable? _utf8;

    /// <summary>The ids looked up from UTF-8 bytes (built on first use; the vocabulary is immutable, so it never goes stale).</summary>
    internal Utf8TokenTable Utf8 => _utf8 ?? Interlocked.CompareExchange(ref _utf8, new Utf8TokenTable(_tokens), null) ?? _utf8;

    private int IdOrDefault(string token, int fallback) => _ids.TryGetValue(token, out int id) ? id : fallback;

    private static string Escape(string s) => s.Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    /// <inheritdoc />
    public override string ToString() => $"Vocabulary({Count} tokens)";
}
