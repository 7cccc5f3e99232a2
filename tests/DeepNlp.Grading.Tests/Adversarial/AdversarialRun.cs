using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Tests.Adversarial;

/// <summary>Grades the adversarial corpus against a real lab (lab01 by default) with the real <c>course grade</c>
/// (artifacts/bin/course.dll) in one run, so every attack shares the run with the model solution and the others.</summary>
/// <remarks>
/// Each <c>attacks/NAME.csx</c> is one submission: its header says the base notebook (<c>blank</c>: the student version,
/// every function a TODO; <c>solution</c>: the model solution), the expected autograded score (a number, or <c>full</c>
/// for the lab's total) and a phrase its feedback must contain (<c>-</c> for none); its cells (split at
/// <c>// ---- cell</c>) are appended to the base. An optional <c>// labs:</c> line names the labs it runs against
/// (<c>all</c>, or lab names separated by spaces); without it an attack is written for lab01. Entries that are files
/// rather than cells (malformed, not UTF-8, 200 MB, a symbolic link, another lab's notebook, an empty folder, edited
/// visible tests) are built here for every lab.
/// </remarks>
public sealed class AdversarialRun : IDisposable
{
    /// <summary>The lab the corpus was first written for; attacks without a <c>// labs:</c> line run only against it.</summary>
    public const string FirstLab = "lab01_word2vec";

    private readonly TempDir _dir = new();

    /// <summary>The corpus against lab01, with the short limits its attacks are sized for.</summary>
    public AdversarialRun()
        : this(FirstLab, ["--cell-timeout", "6", "--test-timeout", "5", "--wall-timeout", "150", "--memory-mb", "768"])
    {
    }

    /// <summary>The attacks meant for <paramref name="labName"/> against that lab, with the given <c>course grade</c> limits.</summary>
    /// <remarks>Internal: xunit needs a collection fixture to have one public constructor.</remarks>
    internal AdversarialRun(string labName, IReadOnlyList<string> limits)
    {
        LabPath = Path.Combine(KitPaths.Root, "notebooks", "labs", labName + ".ipynb");
        var lab = Lab.Load(LabPath);
        string file = labName + ".ipynb";
        Out = Path.Combine(_dir.Path, "grades");
        string subs = Path.Combine(_dir.Path, "submissions");
        Directory.CreateDirectory(subs);
        string blank = Encoding.UTF8.GetString(StudentVersion.Build(lab));
        string solution = File.ReadAllText(LabPath);
        var submissions = new List<string>();
        var expected = new Dictionary<string, (double Score, string Feedback)>();

        foreach (var attackFile in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Adversarial", "attacks"), "*.csx").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(attackFile);
            var attack = Parse(File.ReadAllText(attackFile), attackFile, lab.AutogradedPoints);
            if (!attack.Labs.Contains("all") && !attack.Labs.Contains(labName)) continue;
            var cells = attack.Cells.Select(c => c.Replace("{OUT}", Out, StringComparison.Ordinal)
                .Replace("{LAB}", LabPath[..^".ipynb".Length], StringComparison.Ordinal)).ToList();
            submissions.Add(WriteNotebook(subs, name, file, WithCells(attack.Base == "blank" ? blank : solution, cells)));
            expected[name] = (attack.Score, attack.Feedback);
        }

        submissions.Add(WriteNotebook(subs, "model_solution", file, solution));
        expected["model_solution"] = (lab.AutogradedPoints, "-");
        submissions.Add(WriteNotebook(subs, "untouched_student_version", file, blank));
        expected["untouched_student_version"] = (0, "not implemented yet");

        var edited = JsonNode.Parse(blank)!.AsObject();
        foreach (var cell in edited["cells"]!.AsArray().OfType<JsonObject>().Where(c => c["metadata"]?["grading"]?["kind"]?.GetValue<string>() == "tests"))
            cell["source"] = $"Grader.Question(\"{cell["metadata"]!["grading"]!["question"]}\", points: 100);";
        submissions.Add(WriteNotebook(subs, "edited_visible_tests", file, edited.ToJsonString()));
        expected["edited_visible_tests"] = (0, "not implemented yet");

        submissions.Add(WriteNotebook(subs, "malformed_json", file, "{ \"cells\": [ not json"));
        expected["malformed_json"] = (0, "not valid notebook JSON");

        int title = solution.IndexOf("# Lab ", StringComparison.Ordinal) + "# Lab ".Length;
        byte[] utf8 = Encoding.UTF8.GetBytes(solution.Insert(title, "\u0001 "));
        int at = Array.IndexOf(utf8, (byte)1);
        utf8[at] = 0xFF;
        string notUtf8 = Path.Combine(subs, "not_utf8", file);
        Directory.CreateDirectory(Path.GetDirectoryName(notUtf8)!);
        File.WriteAllBytes(notUtf8, utf8);
        submissions.Add(Path.GetDirectoryName(notUtf8)!);
        expected["not_utf8"] = (0, "is not UTF-8 text");

        string huge = Path.Combine(subs, "two_hundred_megabytes", file);
        Directory.CreateDirectory(Path.GetDirectoryName(huge)!);
        using (var writer = new StreamWriter(huge, false, new UTF8Encoding(false)))
        {
            writer.Write(solution[..solution.IndexOf("\"cells\": [", StringComparison.Ordinal)]);
            writer.Write("\"cells\": [ { \"cell_type\": \"markdown\", \"id\": \"pad\", \"metadata\": {}, \"source\": \"");
            var chunk = new string('x', 1 << 20);
            for (int i = 0; i < 200; i++) writer.Write(chunk);
            writer.Write("\" }, ");
            writer.Write(solution[(solution.IndexOf("\"cells\": [", StringComparison.Ordinal) + "\"cells\": [".Length)..]);
        }
        submissions.Add(Path.GetDirectoryName(huge)!);
        expected["two_hundred_megabytes"] = (0, "over the 64 MB limit");

        string linkDir = Path.Combine(subs, "symbolic_link");
        Directory.CreateDirectory(linkDir);
        File.CreateSymbolicLink(Path.Combine(linkDir, file), Path.Combine(subs, "model_solution", file));
        submissions.Add(linkDir);
        expected["symbolic_link"] = (0, "is a symbolic link");

        string otherLab = labName == "lab02_ngram_lm" ? "lab01_word2vec" : "lab02_ngram_lm";
        submissions.Add(WriteNotebook(subs, "notebook_of_another_lab", file, File.ReadAllText(Path.Combine(KitPaths.Root, "notebooks", "labs", otherLab + ".ipynb"))));
        expected["notebook_of_another_lab"] = (0, "shares no cell with " + labName);

        Directory.CreateDirectory(Path.Combine(subs, "empty_folder"));
        submissions.Add(Path.Combine(subs, "empty_folder"));
        expected["empty_folder"] = (0, "no .ipynb notebook");

        Expected = expected;
        HiddenTestsBefore = File.ReadAllText(Lab.HiddenPathFor(LabPath));
        var clock = Stopwatch.StartNew();
        (ExitCode, Output) = Course(["grade", LabPath, .. submissions, "--out", Out, "--jobs", "2", .. limits, "--no-resume"]);
        Seconds = clock.Elapsed.TotalSeconds;
        var rows = File.ReadAllLines(Path.Combine(Out, "gradebook.csv"));
        int column = Array.IndexOf(SplitCsv(rows[0]), "autograded");
        Scores = rows.Skip(1).Select(SplitCsv).ToDictionary(f => f[0], f => double.Parse(f[column], CultureInfo.InvariantCulture));
    }

    /// <summary>The names of the attacks that run against <paramref name="labName"/> (see the <c>// labs:</c> line).</summary>
    public static IEnumerable<string> AttacksFor(string labName) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Adversarial", "attacks"), "*.csx").Order(StringComparer.Ordinal)
            .Where(f => Parse(File.ReadAllText(f), f, 0).Labs is var labs && (labs.Contains("all") || labs.Contains(labName)))
            .Select(Path.GetFileNameWithoutExtension)!;

    public string LabPath { get; }

    public string Out { get; }

    public IReadOnlyDictionary<string, (double Score, string Feedback)> Expected { get; }

    public IReadOnlyDictionary<string, double> Scores { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public double Seconds { get; }

    public string HiddenTestsBefore { get; }

    public string Feedback(string student) => File.ReadAllText(Path.Combine(Out, "feedback", student + ".md"));

    public void Dispose() => _dir.Dispose();

    private sealed record Attack(string Base, double Score, string Feedback, string[] Labs, List<string> Cells);

    private static Attack Parse(string text, string file, double fullScore)
    {
        string? Optional(string key) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"// {key}:", StringComparison.Ordinal))?[(key.Length + 4)..].Trim();
        string Header(string key) => Optional(key) ?? throw new InvalidDataException($"{file}: no '// {key}:' line");
        var body = string.Join('\n', text.Split('\n').SkipWhile(l => l.StartsWith("//", StringComparison.Ordinal)));
        var cells = body.Split("// ---- cell\n").Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        string expect = Header("expect");
        double score = expect == "full" ? fullScore : double.Parse(expect, CultureInfo.InvariantCulture);
        var labs = (Optional("labs") ?? FirstLab).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Attack(Header("base"), score, Header("feedback"), labs, cells);
    }

    /// <summary>One CSV row's fields (RFC 4180 quoting, as the gradebook writes it).</summary>
    private static string[] SplitCsv(string row)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < row.Length; i++)
        {
            char c = row[i];
            if (quoted && c == '"' && i + 1 < row.Length && row[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    private static string WithCells(string notebook, IReadOnlyList<string> cells)
    {
        var nb = JsonNode.Parse(notebook)!.AsObject();
        var array = nb["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++)
            array.Add(new JsonObject
            {
                ["cell_type"] = "code", ["id"] = $"attack-{i + 1}", ["execution_count"] = null, ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = cells[i],
            });
        return nb.ToJsonString();
    }

    private static string WriteNotebook(string root, string student, string file, string text)
    {
        string dir = Path.Combine(root, student);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, file), text);
        return dir;
    }

    private static (int, string) Course(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(KitPaths.Root, "artifacts", "bin", "course.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout + stderr.Result);
    }
}
