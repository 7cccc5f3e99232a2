using DeepNlp.Grading.Similarity;

namespace DeepNlp.Grading.Tests.Similarity;

/// <summary>Planted copies (renamed variables, reordered methods, changed comments) against four honest solutions
/// written independently, in different styles, for one small question: count words, list the k most frequent.</summary>
public class SimilarityReportTests
{
    private const string Starter = """
        Dictionary<string, int> CountWords(string text)
        {
            // BEGIN SOLUTION
            // TODO: count each lower-cased, whitespace-separated word of text.
            var counts = new Dictionary<string, int>();
            foreach (var w in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                counts[w] = counts.GetValueOrDefault(w) + 1;
            return counts;
            // END SOLUTION
        }

        List<string> TopWords(string text, int k)
        {
            // BEGIN SOLUTION
            // TODO: the k most frequent words, ties in ordinal order.
            return CountWords(text).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(k).Select(p => p.Key).ToList();
            // END SOLUTION
        }
        """;

    private const string Loops = """
        Dictionary<string, int> CountWords(string text)
        {
            // Split on blanks and count with TryGetValue.
            var counts = new Dictionary<string, int>();
            foreach (var raw in text.Split(' ', '\n', '\t'))
            {
                var word = raw.Trim().ToLowerInvariant();
                if (word.Length == 0) continue;
                counts.TryGetValue(word, out int n);
                counts[word] = n + 1;
            }
            return counts;
        }

        List<string> TopWords(string text, int k)
        {
            var pairs = CountWords(text).ToList();
            pairs.Sort((a, b) => a.Value == b.Value ? string.CompareOrdinal(a.Key, b.Key) : b.Value - a.Value);
            var top = new List<string>();
            foreach (var p in pairs)
            {
                if (top.Count == k) break;
                top.Add(p.Key);
            }
            return top;
        }
        """;

    private const string Linq = """
        Dictionary<string, int> CountWords(string text) =>
            text.ToLowerInvariant()
                .Split(new[] { ' ', '\n', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries)
                .GroupBy(w => w)
                .ToDictionary(g => g.Key, g => g.Count());

        List<string> TopWords(string text, int k) =>
            CountWords(text)
                .OrderBy(kv => -kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => kv.Key)
                .Take(k)
                .ToList();
        """;

    private const string Scanner = """
        Dictionary<string, int> CountWords(string text)
        {
            var result = new Dictionary<string, int>();
            var current = new System.Text.StringBuilder();
            for (int i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    current.Append(char.ToLowerInvariant(text[i]));
                    continue;
                }
                if (current.Length > 0)
                {
                    string w = current.ToString();
                    result[w] = result.ContainsKey(w) ? result[w] + 1 : 1;
                    current.Clear();
                }
            }
            return result;
        }

        List<string> TopWords(string text, int k)
        {
            var counts = CountWords(text);
            var keys = new List<string>(counts.Keys);
            keys.Sort(string.CompareOrdinal);
            var chosen = new List<string>();
            while (chosen.Count < k && keys.Count > 0)
            {
                string best = keys[0];
                foreach (var key in keys)
                    if (counts[key] > counts[best]) best = key;
                chosen.Add(best);
                keys.Remove(best);
            }
            return chosen;
        }
        """;

    private const string Regexes = """
        using System.Text.RegularExpressions;

        Dictionary<string, int> CountWords(string text)
        {
            var table = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (Match m in Regex.Matches(text.ToLowerInvariant(), @"\S+"))
            {
                if (!table.ContainsKey(m.Value)) table.Add(m.Value, 0);
                table[m.Value]++;
            }
            return table;
        }

        List<string> TopWords(string text, int k)
        {
            var ranked = CountWords(text).Select(e => (Count: e.Value, Word: e.Key)).ToArray();
            Array.Sort(ranked, (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Word, y.Word));
            return ranked.Length <= k ? ranked.Select(r => r.Word).ToList() : ranked[..k].Select(r => r.Word).ToList();
        }
        """;

    // Loops, copied: methods swapped, every variable renamed, comments rewritten.
    private const string LoopsCopy = """
        List<string> TopWords(string text, int k)
        {
            // most frequent first
            var entries = CountWords(text).ToList();
            entries.Sort((left, right) => left.Value == right.Value ? string.CompareOrdinal(left.Key, right.Key) : right.Value - left.Value);
            var best = new List<string>();
            foreach (var e in entries)
            {
                if (best.Count == k) break;   // enough
                best.Add(e.Key);
            }
            return best;
        }

        Dictionary<string, int> CountWords(string text)
        {
            /* my own word counter */
            var freq = new Dictionary<string, int>();
            foreach (var piece in text.Split(' ', '\n', '\t'))
            {
                var token = piece.Trim().ToLowerInvariant();
                if (token.Length == 0) continue;
                freq.TryGetValue(token, out int c);
                freq[token] = c + 1;
            }
            return freq;
        }
        """;

    // Scanner, copied: renamed, reordered, a constant and the comments changed.
    private const string ScannerCopy = """
        List<string> TopWords(string text, int k)
        {
            var tally = CountWords(text);
            var words = new List<string>(tally.Keys);
            words.Sort(string.CompareOrdinal);
            var output = new List<string>();
            while (output.Count < k && words.Count > 0)
            {
                string top = words[0];
                foreach (var cand in words)
                    if (tally[cand] > tally[top]) top = cand;  // pick the largest
                output.Add(top);
                words.Remove(top);
            }
            return output;
        }

        Dictionary<string, int> CountWords(string text)
        {
            // scan character by character
            var dict = new Dictionary<string, int>();
            var buf = new System.Text.StringBuilder();
            for (int j = 0; j <= text.Length; j++)
            {
                if (j < text.Length && !char.IsWhiteSpace(text[j]))
                {
                    buf.Append(char.ToLowerInvariant(text[j]));
                    continue;
                }
                if (buf.Length > 0)
                {
                    string tok = buf.ToString();
                    dict[tok] = dict.ContainsKey(tok) ? dict[tok] + 1 : 1;
                    buf.Clear();
                }
            }
            return dict;
        }
        """;

    private static string Lab(MiniKit kit)
    {
        File.WriteAllText(kit.LabPath, MiniKit.Notebook(
            MiniKit.Code("#r \"../../artifacts/lib/DeepNlp.dll\"\nusing DeepNlp.Labs;", "setup-1"),
            MiniKit.Code(Starter, "words-1"),
            MiniKit.Code("Grader.Question(\"q1\", points: 2, \"Word counts\");\n"
                + "Grader.Test(\"q1\", \"top word\", () => Expect.Equal(TopWords(\"a b a\", 1)[0], \"a\", \"TopWords\"));\nGrader.Check(\"q1\")", "tests-1")));
        File.Delete(Path.ChangeExtension(kit.LabPath, ".hidden.cs"));
        return kit.LabPath;
    }

    private static string Submit(MiniKit kit, string name, string code) =>
        kit.Submission(Path.Combine(kit.Root, "submissions"), name, ("words-1", code));

    [Fact]
    public void PlantedCopies_RankAboveEveryPairOfHonestSolutions()
    {
        using var kit = new MiniKit();
        string lab = Lab(kit);
        var subs = new[]
        {
            Submit(kit, "ana", Loops), Submit(kit, "ben", Linq), Submit(kit, "chloe", Scanner), Submit(kit, "dev", Regexes),
            Submit(kit, "eli", LoopsCopy), Submit(kit, "fay", ScannerCopy),
        };
        var outDir = Path.Combine(kit.Root, "similarity");

        var pairs = SimilarityReport.Write(lab, subs, outDir);

        Assert.Equal(15, pairs.Count);
        var top = pairs.Take(2).Select(p => $"{p.A}/{p.B}").Order().ToList();
        Assert.Equal(["ana/eli", "chloe/fay"], top);
        var honestBest = pairs.Where(p => p.A is not ("eli" or "fay") && p.B is not ("eli" or "fay")).Max(p => p.Score);
        Assert.All(pairs.Take(2), p => Assert.True(p.Score > 80 && p.Score > honestBest + 40, $"{p.A}/{p.B}: {p.Score:F1} vs honest {honestBest:F1}"));
        var page = File.ReadAllText(Path.Combine(outDir, "pairs", "1.html"));
        Assert.Contains("<mark>", page);
        Assert.Contains("class=\"side\"", page);
        Assert.Contains("pairs/15.html", File.ReadAllText(Path.Combine(outDir, "index.html")));
    }

    [Fact]
    public void StarterCode_IsExcluded_SoUntouchedStudentVersionsDoNotMatch()
    {
        using var kit = new MiniKit();
        string lab = Lab(kit);
        var starter = global::DeepNlp.Grading.Authoring.StudentVersion.Build(global::DeepNlp.Grading.Authoring.Lab.Load(lab));
        var dir = Path.Combine(kit.Root, "blank");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "gus.ipynb"), starter);
        File.WriteAllBytes(Path.Combine(dir, "hana.ipynb"), starter);

        var pairs = SimilarityReport.Write(lab, [Path.Combine(dir, "gus.ipynb"), Path.Combine(dir, "hana.ipynb")], Path.Combine(kit.Root, "out"));

        Assert.Equal(0, pairs.Single().Shared);
    }
}
