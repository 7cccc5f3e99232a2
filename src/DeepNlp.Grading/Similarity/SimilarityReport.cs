using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Notebooks;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Similarity;

/// <summary>One compared pair of submissions.</summary>
/// <param name="A">First student.</param>
/// <param name="B">Second student.</param>
/// <param name="Shared">Fingerprints the two share.</param>
/// <param name="PercentA">Share of A's fingerprints found in B (%).</param>
/// <param name="PercentB">Share of B's fingerprints found in A (%).</param>
public sealed record SimilarPair(string A, string B, int Shared, double PercentA, double PercentB)
{
    /// <summary>The ranking score: the mean of the two percentages.</summary>
    public double Score => (PercentA + PercentB) / 2;
}

/// <summary>Compares the solution code of every pair of submissions: <c>course similarity LAB SUBMISSIONS --out DIR</c>.</summary>
/// <remarks>
/// Only the lab's solution cells are compared (found by cell id, as the grader does), fingerprinted with
/// <see cref="CodeFingerprints"/>; k-grams that occur in the starter code (the student version of those cells) are
/// excluded, so the code everyone was given does not count. Pairs are ranked by the mean of the two shares of shared
/// fingerprints. <c>index.html</c> lists the ranked pairs and <c>pairs/N.html</c> shows each pair's code side by side with
/// the matching tokens highlighted; <c>pairs.csv</c> has the same ranking. A high score is a reason to look, not a verdict.
/// </remarks>
public static class SimilarityReport
{
    /// <summary>Compares the submissions and writes the report.</summary>
    /// <param name="labPath">The lab's solution notebook.</param>
    /// <param name="submissions">Submitted notebooks or folders holding one.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="k">k-gram length in tokens (noise threshold).</param>
    /// <param name="w">Winnowing window (a shared run of w + k − 1 tokens is always found).</param>
    /// <param name="pages">Pair pages written, from the top of the ranking.</param>
    /// <returns>All pairs, best first.</returns>
    /// <exception cref="LabFormatException">The lab or a submission is malformed; the message names the file.</exception>
    public static IReadOnlyList<SimilarPair> Write(string labPath, IReadOnlyList<string> submissions, string outDir, int k = 10, int w = 6, int pages = 50)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var lab = Lab.Load(labPath);
        var solutionCells = lab.Cells.Where(c => c.Kind == LabCellKind.Solution).ToList();
        var starter = new CodeFingerprints(solutionCells.Select(c => SolutionRegions.Strip(c.Source, false, $"{lab.Name}.ipynb, {c.Where}")).ToList(), k, w);
        var students = new List<(string Name, CodeFingerprints Prints)>();
        foreach (var s in submissions)
        {
            var (name, notebook) = Locate(lab, s);
            var nb = NotebookJson.Load(notebook, LabFormatException.Create);
            var cells = NotebookJson.Cells(nb).OfType<JsonObject>().ToList();
            var pieces = solutionCells.Select(sc => cells.FirstOrDefault(c => sc.Id.Length > 0 && NotebookJson.Id(c) == sc.Id) is { } c ? NotebookJson.Source(c) : "").ToList();
            if (pieces.All(p => p.Length == 0))  // cell ids lost (copied into a fresh notebook): compare every code cell
                pieces = cells.Where(c => NotebookJson.CellType(c) == "code").Select(NotebookJson.Source).ToList();
            var prints = new CodeFingerprints(pieces, k, w);
            prints.Exclude(starter);
            students.Add((Unique(name, students.Select(x => x.Name)), prints));
        }
        var pairs = new List<(SimilarPair Pair, int I, int J)>();
        for (int i = 0; i < students.Count; i++)
            for (int j = i + 1; j < students.Count; j++)
            {
                var a = students[i].Prints.Selected;
                var b = students[j].Prints.Selected;
                int shared = a.Keys.Count(b.ContainsKey);
                pairs.Add((new SimilarPair(students[i].Name, students[j].Name, shared,
                    a.Count == 0 ? 0 : 100.0 * shared / a.Count, b.Count == 0 ? 0 : 100.0 * shared / b.Count), i, j));
            }
        pairs.Sort((x, y) => y.Pair.Score.CompareTo(x.Pair.Score) is var c && c != 0 ? c : string.CompareOrdinal(x.Pair.A + x.Pair.B, y.Pair.A + y.Pair.B));
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(Path.Combine(dir, "pairs"));
        for (int n = 0; n < Math.Min(pages, pairs.Count); n++)
        {
            var (p, i, j) = pairs[n];
            AtomicFile.WriteAllText(Path.Combine(dir, "pairs", $"{n + 1}.html"), PairPage(lab, p, students[i].Prints, students[j].Prints));
        }
        AtomicFile.WriteAllText(Path.Combine(dir, "index.html"), Index(lab, pairs.Select(p => p.Pair).ToList(), pages, k, w));
        var csv = new StringBuilder("rank,a,b,score,percent_a,percent_b,shared_fingerprints\n");
        for (int n = 0; n < pairs.Count; n++)
        {
            var p = pairs[n].Pair;
            csv.Append(CultureInfo.InvariantCulture, $"{n + 1},{Policy.Csv.Field(p.A)},{Policy.Csv.Field(p.B)},{p.Score:0.#},{p.PercentA:0.#},{p.PercentB:0.#},{p.Shared}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(dir, "pairs.csv"), csv.ToString());
        return pairs.Select(p => p.Pair).ToList();
    }

    private static (string Name, string Notebook) Locate(Lab lab, string submission)
    {
        string full = Path.GetFullPath(submission);
        if (File.Exists(full)) return (Path.GetFileNameWithoutExtension(full), full);
        if (!Directory.Exists(full)) throw new LabFormatException($"{submission}: submission not found");
        var notebooks = Directory.EnumerateFiles(full, "*.ipynb", SearchOption.AllDirectories)
            .Where(p => !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var pick = notebooks.FirstOrDefault(p => Path.GetFileName(p) == lab.Name + ".ipynb") ?? (notebooks.Count == 1 ? notebooks[0] : null);
        return pick is null
            ? throw new LabFormatException($"{submission}: {(notebooks.Count == 0 ? "no .ipynb notebook" : $"{notebooks.Count} notebooks and none named {lab.Name}.ipynb")}")
            : (Path.GetFileName(full.TrimEnd('/', '\\')), pick);
    }

    private static string Unique(string name, IEnumerable<string> taken)
    {
        var set = taken.ToHashSet(StringComparer.Ordinal);
        string candidate = name;
        for (int n = 2; set.Contains(candidate); n++) candidate = $"{name}-{n}";
        return candidate;
    }

    private const string Style = "<style>body{font-family:sans-serif;margin:1.5em}td,th{padding:.2em .6em;text-align:left}"
        + ".side{display:flex;gap:1em}.side>div{flex:1;min-width:0}pre{background:#f7f7f7;padding:.5em;overflow-x:auto;font-size:85%}"
        + "mark{background:#ffd54f}</style>";

    private static string Index(Lab lab, IReadOnlyList<SimilarPair> pairs, int pages, int k, int w)
    {
        string H(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder($"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{H(lab.Name)}: similarity</title>{Style}</head><body>\n");
        sb.Append("<h1>").Append(H(lab.Name)).Append(CultureInfo.InvariantCulture, $": similarity of {pairs.Count} pair(s)</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p>Winnowed fingerprints of the solution cells (k = {k} tokens, window {w}; identifiers and literals normalised, comments ignored, starter code excluded). A high score is a reason to read both submissions, not a verdict.</p>\n");
        sb.Append("<table><tr><th>rank</th><th>A</th><th>B</th><th>score</th><th>% of A</th><th>% of B</th><th>shared</th></tr>\n");
        for (int n = 0; n < pairs.Count; n++)
        {
            var p = pairs[n];
            string a = n < pages ? $"<a href=\"pairs/{n + 1}.html\">{n + 1}</a>" : (n + 1).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{a}</td><td>{H(p.A)}</td><td>{H(p.B)}</td><td>{p.Score:0.#}</td><td>{p.PercentA:0.#}</td><td>{p.PercentB:0.#}</td><td>{p.Shared}</td></tr>\n");
        }
        return sb.Append("</table></body></html>\n").ToString();
    }

    private static string PairPage(Lab lab, SimilarPair p, CodeFingerprints a, CodeFingerprints b)
    {
        string H(string s) => WebUtility.HtmlEncode(s);
        var shared = a.Selected.Keys.Where(b.Selected.ContainsKey).ToHashSet();
        var sb = new StringBuilder($"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{H(p.A)} / {H(p.B)}</title>{Style}</head><body>\n");
        sb.Append("<p><a href=\"../index.html\">all pairs</a></p><h1>").Append(H($"{lab.Name}: {p.A} and {p.B}"))
          .Append(CultureInfo.InvariantCulture, $"</h1>\n<p>{p.PercentA:0.#}% of {H(p.A)}'s fingerprints and {p.PercentB:0.#}% of {H(p.B)}'s are shared ({p.Shared}). Highlighted: tokens in shared k-grams.</p>\n<div class=\"side\">");
        foreach (var (name, prints) in new[] { (p.A, a), (p.B, b) })
            sb.Append("<div><h2>").Append(H(name)).Append("</h2>").Append(Highlighted(prints, shared)).Append("</div>");
        return sb.Append("</div></body></html>\n").ToString();
    }

    private static string Highlighted(CodeFingerprints prints, HashSet<ulong> shared)
    {
        var marked = new bool[prints.Tokens.Count];
        foreach (var (hash, starts) in prints.Selected)
            if (shared.Contains(hash))
                foreach (int s in starts)
                    for (int t = s; t < Math.Min(s + prints.K, marked.Length); t++) marked[t] = true;
        var sb = new StringBuilder();
        for (int c = 0; c < prints.Pieces.Count; c++)
        {
            string text = prints.Pieces[c];
            if (text.Length == 0) continue;
            sb.Append("<pre>");
            int at = 0;
            bool open = false;
            for (int t = 0; t < prints.Tokens.Count; t++)
            {
                var tok = prints.Tokens[t];
                if (tok.Cell != c) continue;
                // Text between tokens (whitespace, comments) is marked only inside a run of marked tokens.
                string gap = WebUtility.HtmlEncode(text[at..tok.Start]);
                if (open && !marked[t]) { sb.Append("</mark>"); open = false; }
                sb.Append(gap);
                if (!open && marked[t]) { sb.Append("<mark>"); open = true; }
                sb.Append(WebUtility.HtmlEncode(text.Substring(tok.Start, tok.Length)));
                at = tok.Start + tok.Length;
            }
            if (open) sb.Append("</mark>");
            sb.Append(WebUtility.HtmlEncode(text[at..])).Append("</pre>\n");
        }
        return sb.ToString();
    }
}
