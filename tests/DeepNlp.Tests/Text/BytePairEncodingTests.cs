using System.Text;
using DeepNlp.Data;
using DeepNlp.Text;

namespace DeepNlp.Tests.Text;

public sealed class BytePairEncodingTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("deepnlp-bpe-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static readonly Lazy<ByteLevelBpe> Shakespeare = new(() =>
        BpeTrainer.Train([Datasets.TinyShakespeare.Load()[..200_000]], vocabularySize: 1000, specialTokens: ["<s>", "</s>"]));

    [Fact]
    public void Train_MatchesNaiveRecountingTrainer_OnSmallCorpus()
    {
        string[] texts = ["the cat sat on the mat, the end.", "that hat; the theme there\n\n  then", "aaaa abab éé ééé 12 123"];

        var fast = BpeTrainer.Train(texts, vocabularySize: 300);
        var naive = NaiveMerges(texts, 300 - 256);

        Assert.Equal(naive, fast.Merges.Select(m => (m.Left, m.Right, m.Count)).ToList());
        Assert.True(fast.Merges.Count > 20);
    }

    [Fact]
    public void Train_TiesGoToSmallerLeftThenRightId()
    {
        var bpe = BpeTrainer.Train(["aabb"], vocabularySize: 257);   // pairs aa, ab, bb all occur once

        Assert.Equal(new BpeMerge('a', 'a', 256, 1), bpe.Merges[0]);
    }

    [Fact]
    public void Train_SameCorpus_SameMerges()
    {
        string text = Datasets.TinyShakespeare.Load()[..30_000];

        var a = BpeTrainer.Train([text], 600);
        var b = BpeTrainer.Train([text], 600);

        Assert.Equal(a.Merges, b.Merges);
        Assert.Equal(600, a.Count);
    }

    [Fact]
    public void Train_ReportsProgress_EndingAtTarget()
    {
        var reports = new List<BpeTrainingProgress>();
        var progress = new SynchronousProgress<BpeTrainingProgress>(reports.Add);

        BpeTrainer.Train([Datasets.TinyShakespeare.Load()[..30_000]], 556, progress: progress);

        Assert.Equal([100, 200, 300, 300], reports.Select(r => r.Merges));
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void Encode_FrequentWordsBecomeOneToken_AndIdsStayBelowCount()
    {
        var bpe = Shakespeare.Value;

        var ids = bpe.Encode("First Citizen:\nthe king");

        Assert.Contains("Ġthe", bpe.Tokenize("and the king"));
        Assert.Contains("Ġking", bpe.Tokenize("and the king"));
        Assert.All(ids, id => Assert.InRange(id, 0, bpe.SpecialTokenStart - 1));
        Assert.True(ids.Length < "First Citizen:\nthe king".Length / 2);
    }

    [Fact]
    public void Decode_SpecialIds_GiveTheirText()
    {
        var bpe = Shakespeare.Value;

        int[] ids = [bpe.SpecialId("<s>"), .. bpe.Encode("to be"), bpe.SpecialId("</s>")];

        Assert.Equal("<s>to be</s>", bpe.Decode(ids));
        Assert.Equal(1000, bpe.Count);
    }

    [Fact]
    public void RoundTrip_IsExact_OnEveryShippedCorpus()
    {
        var bpe = Shakespeare.Value;
        var samples = new Dictionary<string, IEnumerable<string>>
        {
            ["tinyshakespeare"] = [Datasets.TinyShakespeare.Load()[^100_000..]],
            ["gutenberg"] = Datasets.Gutenberg.Lines(Split.Valid).Where((_, i) => i % 20 == 0),
            ["sentence-polarity"] = Datasets.SentencePolarity.Load(Split.Test).Select(e => e.Text),
            ["cmudict"] = Datasets.CmuDict.Load().Where((_, i) => i % 10 == 0).Select(p => p.Word),
            ["ud-english-ewt"] = File.ReadLines(Datasets.UdEnglishEwt.PathOf("en_ewt-ud-dev.conllu"), Encoding.UTF8)
                .Where(l => l.StartsWith("# text = ", StringComparison.Ordinal)).Select(l => l[9..]),
        };
        foreach (var (corpus, texts) in samples)
        {
            int n = 0;
            foreach (var text in texts)
            {
                Assert.True(text == bpe.Decode(bpe.Encode(text)), $"{corpus}: round trip changed \"{text}\"");
                n++;
            }
            Assert.True(n > 0, $"{corpus}: no text sampled");
        }
    }

    [Fact]
    public void RoundTrip_IsExact_ForUnseenScriptsEmojiAndWhitespaceRuns()
    {
        var bpe = Shakespeare.Value;
        string text = "Grüße, 東京!  naïve café\t\r\n\n   x 🎉👍🏽 ﬁ — “quoted” 1234567 it's I'LL";

        var ids = bpe.Encode(text);

        Assert.Equal(text, bpe.Decode(ids));
        Assert.DoesNotContain(ids, id => id >= bpe.SpecialTokenStart);
    }

    [Fact]
    public void PreTokenizer_PiecesConcatenateToTheText()
    {
        string text = "Hello  world!\n\n  It's 42 o'clock...   ";

        var pieces = BpePreTokenizer.Split(text).ToArray();

        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal(["Hello", " ", " world", "!", "\n\n ", " It", "'s", " 42", " o", "'", "clock", "...", "   "], pieces);
    }

    [Fact]
    public void SaveLoad_RoundTripsMergesAndSpecials_InGpt2MergesSpelling()
    {
        var bpe = Shakespeare.Value;
        string path = Path.Combine(_temp, "bpe.txt");

        bpe.Save(path);
        var loaded = ByteLevelBpe.Load(path);
        var lines = File.ReadAllLines(path);

        Assert.Equal("#version: 0.2", lines[0]);
        Assert.Equal(["#special: <s>", "#special: </s>"], lines[1..3]);
        Assert.Equal(lines.Length - 3, bpe.Merges.Count);
        Assert.All(lines[3..], l => Assert.Equal(2, l.Split(' ').Length));
        Assert.Equal(bpe.Merges.Select(m => (m.Left, m.Right, m.Result)), loaded.Merges.Select(m => (m.Left, m.Right, m.Result)));
        Assert.Equal(bpe.SpecialTokens, loaded.SpecialTokens);
        string probe = "KING RICHARD III:\nNow is the winter of our discontent";
        Assert.Equal(bpe.Encode(probe), loaded.Encode(probe));
    }

    [Fact]
    public void Load_UnknownSymbol_NamesFileAndLine()
    {
        string path = Path.Combine(_temp, "bad.txt");
        File.WriteAllText(path, "#version: 0.2\nĠ t\nĠt h\nxyz q\n");

        var e = Assert.Throws<FormatException>(() => ByteLevelBpe.Load(path));

        Assert.Contains("bad.txt, line 4", e.Message);
        Assert.Contains("xyz", e.Message);
    }

    [Fact]
    public void ByteSymbols_SpellSpaceAndNewlineAsGpt2Does_AndParseBack()
    {
        Assert.Equal('Ġ', ByteSymbols.Spell((byte)' '));
        Assert.Equal('Ċ', ByteSymbols.Spell((byte)'\n'));
        Assert.Equal('a', ByteSymbols.Spell((byte)'a'));
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.Equal(all, ByteSymbols.Parse(ByteSymbols.Spell(all)));
    }

    /// <summary>The textbook loop: recount every pair of every piece before each merge (same tie rule, same duplicate rule).</summary>
    private static List<(int, int, long)> NaiveMerges(string[] texts, int merges)
    {
        var pieces = texts.SelectMany(BpePreTokenizer.Split).GroupBy(p => p, StringComparer.Ordinal)
            .Select(g => (Symbols: Encoding.UTF8.GetBytes(g.Key).Select(b => (int)b).ToList(), Count: (long)g.Count())).ToList();
        var bytesOf = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToList();
        var seen = new HashSet<string>(bytesOf.Select(Convert.ToHexString));
        var banned = new HashSet<(int, int)>();
        var result = new List<(int, int, long)>();
        while (result.Count < merges)
        {
            var counts = new Dictionary<(int, int), long>();
            foreach (var (s, c) in pieces)
                for (int i = 0; i + 1 < s.Count; i++)
                    if (!banned.Contains((s[i], s[i + 1]))) counts[(s[i], s[i + 1])] = counts.GetValueOrDefault((s[i], s[i + 1])) + c;
            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).First();
            var (l, r) = best.Key;
            byte[] bytes = [.. bytesOf[l], .. bytesOf[r]];
            if (!seen.Add(Convert.ToHexString(bytes))) { banned.Add((l, r)); continue; }
            int id = bytesOf.Count;
            bytesOf.Add(bytes);
            result.Add((l, r, best.Value));
            foreach (var (s, _) in pieces)
                for (int i = 0; i + 1 < s.Count; i++)
                    if (s[i] == l && s[i + 1] == r) { s[i] = id; s.RemoveAt(i + 1); }
        }
        return result;
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
