using System.Globalization;
using System.Text;

namespace DeepNlp.Text;

/// <summary>Byte-level byte-pair encoding (GPT-2's scheme): text → UTF-8 bytes → learned merges → token ids, and back.</summary>
/// <remarks>
/// <para>Ids: 0..255 are the bytes themselves (id = byte value), 256 + r is the symbol made by merge r, and the special
/// tokens follow the merges. Every text encodes without <c>&lt;unk&gt;</c>: at worst a character is its UTF-8 bytes.</para>
/// <para>Encoding splits the text with <see cref="BpePreTokenizer"/> (GPT-2's regex), then inside each piece applies the
/// merge of lowest rank among adjacent pairs, all its occurrences left to right, until no learned pair is left — as
/// GPT-2's <c>encoder.py</c> <c>bpe()</c> does. <c>Decode(Encode(x)) == x</c> for every string that is valid UTF-16
/// (a lone surrogate has no UTF-8 form and comes back as U+FFFD). Special tokens are never produced by
/// <see cref="Encode"/> from text; callers add their ids.</para>
/// <para>File format (<see cref="Save"/>): UTF-8 text, GPT-2's <c>merges.txt</c> spelling. Lines starting with <c>#</c> are
/// the header: <c>#version: 0.2</c>, then one <c>#special: TOKEN</c> line per special token in id order. Every other
/// line is one merge, in rank order, as the two symbols spelled with <see cref="ByteSymbols"/> and one space between
/// (<c>Ġ t</c> merges a space byte with "t"). A GPT-2 <c>merges.txt</c> loads as it is.</para>
/// Taught in notebooks/10_attention_and_transformers.ipynb (section "Subwords").
/// </remarks>
public sealed class ByteLevelBpe : ITokenizer
{
    private const string VersionLine = "#version: 0.2";
    private const string SpecialPrefix = "#special: ";

    private readonly BpeMerge[] _merges;
    private readonly Dictionary<long, int> _rankOf = new();
    private readonly byte[][] _bytesOf;
    private readonly string[] _specials;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly object _cacheLock = new();

    /// <summary>Builds a tokenizer from merges in rank order and special tokens.</summary>
    /// <param name="merges">Merge r must produce id 256 + r from ids below it.</param>
    /// <param name="specialTokens">Special tokens; they take the ids after the merges, in this order.</param>
    /// <exception cref="ArgumentException">A merge is out of order or refers to an id not yet defined; a special token repeats.</exception>
    public ByteLevelBpe(IReadOnlyList<BpeMerge> merges, IReadOnlyList<string>? specialTokens = null)
    {
        ArgumentNullException.ThrowIfNull(merges);
        _merges = merges.ToArray();
        _specials = specialTokens?.ToArray() ?? [];
        if (_specials.Distinct(StringComparer.Ordinal).Count() != _specials.Length)
            throw new ArgumentException("Special tokens must be distinct.", nameof(specialTokens));
        _bytesOf = new byte[256 + _merges.Length][];
        for (int b = 0; b < 256; b++) _bytesOf[b] = [(byte)b];
        for (int r = 0; r < _merges.Length; r++)
        {
            var m = _merges[r];
            int id = 256 + r;
            if (m.Result != id || m.Left < 0 || m.Right < 0 || m.Left >= id || m.Right >= id)
                throw new ArgumentException($"Merge {r} ({m.Left}, {m.Right} → {m.Result}) must make id {id} from ids below it.", nameof(merges));
            if (!_rankOf.TryAdd(Key(m.Left, m.Right), r))
                throw new ArgumentException($"Merge {r} repeats the pair ({m.Left}, {m.Right}).", nameof(merges));
            _bytesOf[id] = [.. _bytesOf[m.Left], .. _bytesOf[m.Right]];
        }
    }

    /// <summary>The learned merges in rank order.</summary>
    public IReadOnlyList<BpeMerge> Merges => _merges;

    /// <summary>The special tokens, with ids <see cref="SpecialTokenStart"/> onwards.</summary>
    public IReadOnlyList<string> SpecialTokens => _specials;

    /// <summary>Id of the first special token: 256 + number of merges.</summary>
    public int SpecialTokenStart => 256 + _merges.Length;

    /// <summary>Vocabulary size: 256 bytes + merges + special tokens.</summary>
    public int Count => SpecialTokenStart + _specials.Length;

    /// <summary>Id of a special token.</summary>
    /// <exception cref="KeyNotFoundException">It is not one of <see cref="SpecialTokens"/>.</exception>
    public int SpecialId(string token)
    {
        int i = Array.IndexOf(_specials, token);
        return i >= 0 ? SpecialTokenStart + i : throw new KeyNotFoundException($"\"{token}\" is not a special token of this BPE.");
    }

    /// <summary>The bytes a non-special id stands for.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) =>
        id >= 0 && id < SpecialTokenStart ? _bytesOf[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"Not a byte or merge id (0..{SpecialTokenStart - 1}).");

    /// <summary>Visible spelling of an id: <see cref="ByteSymbols"/> for bytes and merges, the token itself for specials.</summary>
    public string Spell(int id)
    {
        if (id >= SpecialTokenStart && id < Count) return _specials[id - SpecialTokenStart];
        return ByteSymbols.Spell(BytesOf(id));
    }

    /// <summary>Encodes text to ids.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 1);
        foreach (var piece in BpePreTokenizer.Split(text)) ids.AddRange(EncodePiece(piece));
        return ids.ToArray();
    }

    /// <summary>Decodes ids to text: the bytes of the ids, concatenated, read as UTF-8; special ids give their token text.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside 0..<see cref="Count"/>−1.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (id < 0 || id >= Count) throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside 0..{Count - 1}.");
            if (id < SpecialTokenStart) { bytes.AddRange(_bytesOf[id]); continue; }
            Flush();
            text.Append(_specials[id - SpecialTokenStart]);
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (bytes.Count == 0) return;
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    /// <summary>The tokens of <paramref name="text"/> spelled with <see cref="ByteSymbols"/> (" the" is <c>Ġthe</c>).</summary>
    public string[] Tokenize(string text) => Encode(text).Select(Spell).ToArray();

    /// <summary>Writes the merges and special tokens in the documented text format, atomically.</summary>
    public void Save(string path)
    {
        var s = new StringBuilder();
        s.Append(VersionLine).Append('\n');
        foreach (var t in _specials) s.Append(SpecialPrefix).Append(t).Append('\n');
        foreach (var m in _merges) s.Append(Spell(m.Left)).Append(' ').Append(Spell(m.Right)).Append('\n');
        AtomicFile.WriteAllText(path, s.ToString());
    }

    /// <summary>Reads a file written by <see cref="Save"/> (or a GPT-2 <c>merges.txt</c>).</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static ByteLevelBpe Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Load(reader, path);
    }

    /// <summary>Reads the documented text format from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the source and line.</exception>
    public static ByteLevelBpe Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var specials = new List<string>();
        var merges = new List<BpeMerge>();
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int b = 0; b < 256; b++) idOf[ByteSymbols.Spell((byte)b).ToString()] = b;
        int lineNo = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            if (line.StartsWith('#'))
            {
                if (merges.Count > 0) throw Bad("a header line after the first merge");
                if (line.StartsWith(SpecialPrefix, StringComparison.Ordinal)) specials.Add(line[SpecialPrefix.Length..]);
                continue;
            }
            if (line.Length == 0) continue;
            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw Bad($"expected two symbols separated by one space, found \"{line}\"");
            if (!idOf.TryGetValue(parts[0], out int left)) throw Bad($"unknown symbol \"{parts[0]}\" (not a byte or an earlier merge)");
            if (!idOf.TryGetValue(parts[1], out int right)) throw Bad($"unknown symbol \"{parts[1]}\" (not a byte or an earlier merge)");
            int id = 256 + merges.Count;
            merges.Add(new BpeMerge(left, right, id, 0));
            if (!idOf.TryAdd(parts[0] + parts[1], id)) throw Bad($"the merge \"{line}\" makes a symbol that already exists");
        }
        return new ByteLevelBpe(merges, specials);

        FormatException Bad(string what) => new($"{source}, line {lineNo.ToString(CultureInfo.InvariantCulture)}: {what}.");
    }

    private int[] EncodePiece(string piece)
    {
        lock (_cacheLock)
            if (_cache.TryGetValue(piece, out var cached)) return cached;
        var bytes = Encoding.UTF8.GetBytes(piece);
        var symbols = new List<int>(bytes.Length);
        foreach (var b in bytes) symbols.Add(b);
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            for (int i = 0; i + 1 < symbols.Count; i++)
                if (_rankOf.TryGetValue(Key(symbols[i], symbols[i + 1]), out int r) && r < bestRank) bestRank = r;
            if (bestRank == int.MaxValue) break;
            var m = _merges[bestRank];
            int w = 0;
            for (int i = 0; i < symbols.Count; i++)
            {
                if (i + 1 < symbols.Count && symbols[i] == m.Left && symbols[i + 1] == m.Right) { symbols[w++] = m.Result; i++; }
                else symbols[w++] = symbols[i];
            }
            symbols.RemoveRange(w, symbols.Count - w);
        }
        var ids = symbols.ToArray();
        lock (_cacheLock)
            if (_cache.Count < 1 << 20) _cache[piece] = ids;
        return ids;
    }

    internal static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
