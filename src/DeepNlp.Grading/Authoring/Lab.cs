using DeepNlp.Engine.Notebooks;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DeepNlp.Grading.Authoring;

/// <summary>A lab as authored by the instructor: the solution notebook, its questions and its hidden tests.</summary>
/// <remarks>
/// Authoring format (see the README's instructor section):
/// <list type="bullet">
/// <item>Solution code sits between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c>; a <c>// TODO:</c> comment inside
/// the region becomes the student's instructions. <c>// BEGIN SOLUTION (kernel)</c> opens the body of an ILGPU kernel,
/// which is left empty instead of throwing (see <see cref="SolutionRegions"/>).</item>
/// <item>A tests cell registers visible tests with <c>Grader.Test("q1", ...)</c> and ends with <c>Grader.Check("q1")</c>; its
/// points come from cell metadata <c>"grading": {"kind": "tests", "question": "q1", "points": 3}</c> or from a
/// <c>Grader.Question("q1", points: 3)</c> call in the cell.</item>
/// <item>Written answers are markdown cells with metadata <c>"grading": {"kind": "written", "question": "w1", "points": 2}</c>,
/// the model answer between <c>&lt;!-- BEGIN SOLUTION --&gt;</c> and <c>&lt;!-- END SOLUTION --&gt;</c>.</item>
/// <item>Hidden tests live beside the lab in <c>NAME.hidden.cs</c>: chunks that each start with a <c>// QUESTION q1</c> line.</item>
/// </list>
/// Without metadata a cell's kind is recognized from its source: regions make a solution cell, <c>Grader.Test</c> or
/// <c>Grader.Check</c> a tests cell, and the first code cell with <c>#r</c> the setup cell.
/// </remarks>
public sealed partial class Lab
{
    private Lab(string path, JsonObject notebook, IReadOnlyList<LabCell> cells, IReadOnlyList<LabQuestion> questions,
        IReadOnlyList<HiddenTestChunk> hidden, string version, IReadOnlyList<GradedFunction> graded,
        IReadOnlyList<ForbiddenApi> forbidden, string notebookText, string hiddenText)
    {
        GradedFunctions = graded;
        Forbidden = forbidden;
        NotebookText = notebookText;
        HiddenText = hiddenText;
        Path = path;
        Notebook = notebook;
        Cells = cells;
        Questions = questions;
        Hidden = hidden;
        Version = version;
    }

    /// <summary>Full path of the solution notebook.</summary>
    public string Path { get; }

    /// <summary>The lab's name: the notebook file name without extension (e.g. <c>lab01_word2vec</c>).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Cells in notebook order.</summary>
    public IReadOnlyList<LabCell> Cells { get; }

    /// <summary>Questions in order of first appearance.</summary>
    public IReadOnlyList<LabQuestion> Questions { get; }

    /// <summary>Hidden-test chunks from <c>NAME.hidden.cs</c> (empty when the file does not exist).</summary>
    public IReadOnlyList<HiddenTestChunk> Hidden { get; }

    /// <summary>SHA-256 over the notebook, the hidden tests and the grader's format version: changes whenever grading could.</summary>
    public string Version { get; }

    /// <summary>The functions the student writes (methods of the solution cells): the only way tests reach a submission.</summary>
    public IReadOnlyList<GradedFunction> GradedFunctions { get; }

    /// <summary>Kit APIs each question's solution may not call.</summary>
    public IReadOnlyList<ForbiddenApi> Forbidden { get; }

    /// <summary>The notebook's text as read (the grading worker receives it on its stdin, not from disk).</summary>
    internal string NotebookText { get; }

    /// <summary>The hidden tests' text as read (empty when there are none).</summary>
    internal string HiddenText { get; }

    /// <summary>Total autograded points.</summary>
    public double AutogradedPoints => Questions.Where(q => !q.Written).Sum(q => q.Points);

    internal JsonObject Notebook { get; }

    /// <summary>The path of the hidden-test file for a lab notebook path.</summary>
    /// <param name="labPath">The lab notebook.</param>
    public static string HiddenPathFor(string labPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(labPath))!,
            System.IO.Path.GetFileNameWithoutExtension(labPath) + ".hidden.cs");

    /// <summary>Reads and validates a lab.</summary>
    /// <param name="path">The solution notebook (.ipynb).</param>
    /// <returns>The lab with its cells, questions and hidden tests.</returns>
    /// <exception cref="LabFormatException">The notebook, a region, a question's points or the hidden-test file is malformed;
    /// the message names the file, cell and line.</exception>
    public static Lab Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new LabFormatException($"{path}: lab notebook not found");
        string hiddenPath = HiddenPathFor(full);
        return FromText(full, File.ReadAllText(full), File.Exists(hiddenPath) ? File.ReadAllText(hiddenPath) : "");
    }

    /// <summary>Reads and validates a lab from its texts (the grading worker gets them on a pipe and never reads the lab's
    /// folder, which the sandbox hides).</summary>
    /// <param name="path">The lab notebook's full path (its folder is where relative <c>#r</c> paths resolve).</param>
    /// <param name="notebookText">The notebook's JSON.</param>
    /// <param name="hiddenText">The hidden tests (empty when there are none).</param>
    /// <exception cref="LabFormatException">As for <see cref="Load"/>.</exception>
    public static Lab FromText(string path, string notebookText, string hiddenText)
    {
        ArgumentNullException.ThrowIfNull(notebookText);
        ArgumentNullException.ThrowIfNull(hiddenText);
        string full = System.IO.Path.GetFullPath(path);
        string name = System.IO.Path.GetFileName(full);
        var nb = NotebookJson.Parse(notebookText, name, LabFormatException.Create);
        var cells = new List<LabCell>();
        var points = new Dictionary<string, (double Points, string Title, bool Written, string Where)>(StringComparer.Ordinal);
        var order = new List<string>();
        var forbiddenByQuestion = new List<(string Question, string Api, string Where)>();
        var timeouts = new Dictionary<string, (double Seconds, string Where)>(StringComparer.Ordinal);
        bool sawSetup = false;
        var raw = NotebookJson.Cells(nb);
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw[i] is not JsonObject cell) throw new LabFormatException($"{name}: cell {i + 1} is not an object");
            var c = Classify(cell, i, name, ref sawSetup);
            cells.Add(c);
            if (c.Kind is LabCellKind.Solution) SolutionRegions.Strip(c.Source, markdown: false, $"{name}: {c.Where}");
            if (c.Kind is LabCellKind.Written) SolutionRegions.Strip(c.Source, markdown: true, $"{name}: {c.Where}");
            if (c.Kind is LabCellKind.Tests or LabCellKind.Written)
                AddPoints(points, order, c, NotebookJson.Grading(cell), name);
            if (c.Kind is LabCellKind.Tests && TestTimeout(NotebookJson.Grading(cell), $"{name}: {c.Where}") is double seconds)
            {
                if (timeouts.TryGetValue(c.Question, out var set) && set.Seconds != seconds)
                    throw new LabFormatException($"{name}: {c.Where}: question {c.Question} has test_timeout {seconds:g} here but {set.Seconds:g} in {set.Where}");
                timeouts[c.Question] = (seconds, c.Where);
            }
            else if (c.Kind is not LabCellKind.Tests && NotebookJson.Grading(cell)?["test_timeout"] is not null)
                throw new LabFormatException($"{name}: {c.Where}: \"test_timeout\" belongs on a tests cell, not on a {c.Kind.ToString().ToLowerInvariant()} cell");
            if (c.Kind is LabCellKind.Tests)
                foreach (var api in ApiList(NotebookJson.Grading(cell)?["forbidden"], $"{name}: {c.Where}"))
                    forbiddenByQuestion.Add((c.Question, api, c.Where));
        }
        foreach (var q in order)
        {
            if (double.IsNaN(points[q].Points))
                throw new LabFormatException($"{name}: {points[q].Where}: question {q} has no points (metadata \"grading\": {{\"points\": N}} or Grader.Question(\"{q}\", points: N))");
        }
        var questions = order.Select(q => new LabQuestion(q, points[q].Points, points[q].Title, points[q].Written,
            timeouts.TryGetValue(q, out var t) ? t.Seconds : null)).ToList();
        var forbidden = new List<ForbiddenApi>();
        var everywhere = ApiList((nb["metadata"] as JsonObject)?["grading"]?["forbidden"], $"{name}: notebook metadata");
        foreach (var q in questions.Where(q => !q.Written))
        {
            foreach (var api in everywhere.Concat(forbiddenByQuestion.Where(f => f.Question == q.Id).Select(f => f.Api)).Distinct(StringComparer.Ordinal))
                forbidden.Add(new ForbiddenApi(q.Id, api));
        }
        var graded = GradedFunction.FromSolutionCells(cells.Where(c => c.Kind == LabCellKind.Solution), name);
        string hiddenName = System.IO.Path.GetFileName(HiddenPathFor(full));
        var hidden = ParseHidden(hiddenText, hiddenName, questions);
        string version = Hash(Encoding.UTF8.GetBytes(notebookText), Encoding.UTF8.GetBytes(hiddenText), Encoding.UTF8.GetBytes(FormatVersion));
        return new Lab(full, nb, cells, questions, hidden, version, graded, forbidden, notebookText, hiddenText);
    }

    // "test_timeout": seconds, a positive number: the instructor's per-test limit for a question whose tests are slow.
    private static double? TestTimeout(JsonObject? meta, string where)
    {
        if (meta?["test_timeout"] is not JsonNode node) return null;
        double seconds = node is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;
        if (!(seconds > 0) || double.IsInfinity(seconds))
            throw new LabFormatException($"{where}: \"test_timeout\" must be a positive number of seconds, got {node.ToJsonString()}");
        return seconds;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex DottedName();

    private static List<string> ApiList(JsonNode? node, string where)
    {
        if (node is null) return [];
        if (node is not JsonArray array) throw new LabFormatException($"{where}: \"forbidden\" must be a list of fully qualified names");
        var list = new List<string>();
        foreach (var item in array)
        {
            string? api = item is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (api is null || !DottedName().IsMatch(api))
                throw new LabFormatException($"{where}: \"forbidden\" entry {item?.ToJsonString() ?? "null"} is not a fully qualified name such as DeepNlp.NGrams.KneserNeyModel");
            list.Add(api);
        }
        return list;
    }

    /// <summary>Bumped when grading semantics change, so resumable runs regrade everything.</summary>
    internal const string FormatVersion = "deepnlp-grading/2";

    internal static string Hash(params byte[][] parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in parts)
        {
            sha.AppendData(BitConverter.GetBytes(p.Length));
            sha.AppendData(p);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    [GeneratedRegex(@"Grader\.(?:Test|Check|Question)\(\s*""([^""]+)""")]
    private static partial Regex QuestionRef();

    [GeneratedRegex(@"Grader\.Question\(\s*""([^""]+)""\s*,\s*(?:points\s*:\s*)?([0-9]+(?:\.[0-9]+)?)(?:\s*,\s*(?:title\s*:\s*)?""([^""]*)"")?")]
    private static partial Regex QuestionCall();

    [GeneratedRegex(@"^\s*//\s*QUESTION\s+(\S+)\s*$")]
    private static partial Regex HiddenMarker();

    private static LabCell Classify(JsonObject cell, int index, string name, ref bool sawSetup)
    {
        string type = NotebookJson.CellType(cell);
        string source = NotebookJson.Source(cell);
        string id = NotebookJson.Id(cell);
        var meta = NotebookJson.Grading(cell);
        string where = id.Length > 0 ? $"cell {index + 1} (id {id})" : $"cell {index + 1}";
        LabCellKind kind;
        string? kindText = meta?["kind"]?.GetValue<string>();
        if (kindText is not null)
        {
            if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind))
                throw new LabFormatException($"{name}: {where}: unknown grading kind \"{kindText}\" (setup, solution, tests, written, instructor, provided, plain)");
        }
        else if (type == "code" && SolutionRegions.HasRegion(source, markdown: false)) kind = LabCellKind.Solution;
        else if (type == "code" && (source.Contains("Grader.Test(", StringComparison.Ordinal) || source.Contains("Grader.Check(", StringComparison.Ordinal))) kind = LabCellKind.Tests;
        else if (type == "code" && !sawSetup && source.TrimStart().StartsWith("#r ", StringComparison.Ordinal)) kind = LabCellKind.Setup;
        else if (type == "code" && LabCode.DeclaresOnly(source)) kind = LabCellKind.Provided;
        else kind = LabCellKind.Plain;
        if (kind == LabCellKind.Setup) sawSetup = true;
        if (kind == LabCellKind.Written && type != "markdown") throw new LabFormatException($"{name}: {where}: a written-answer cell must be markdown");
        if (kind is LabCellKind.Solution or LabCellKind.Tests or LabCellKind.Setup or LabCellKind.Provided && type != "code")
            throw new LabFormatException($"{name}: {where}: a {kind.ToString().ToLowerInvariant()} cell must be code");
        string question = meta?["question"]?.GetValue<string>() ?? "";
        if (kind == LabCellKind.Tests && question.Length == 0)
        {
            var refs = QuestionRef().Matches(source).Select(m => m.Groups[1].Value).Distinct().ToList();
            if (refs.Count != 1)
                throw new LabFormatException($"{name}: {where}: a tests cell must belong to exactly one question (found {(refs.Count == 0 ? "none" : string.Join(", ", refs))}); set metadata \"grading\": {{\"question\": \"q1\"}}");
            question = refs[0];
        }
        if (kind == LabCellKind.Written && question.Length == 0)
            throw new LabFormatException($"{name}: {where}: a written-answer cell needs metadata \"grading\": {{\"question\": \"w1\", \"points\": N}}");
        return new LabCell(index, id, type, kind, question, source);
    }

    private static void AddPoints(Dictionary<string, (double Points, string Title, bool Written, string Where)> points,
        List<string> order, LabCell c, JsonObject? meta, string name)
    {
        double p = double.NaN;
        string title = meta?["title"]?.GetValue<string>() ?? "";
        if (meta?["points"] is JsonNode pn) p = pn.GetValue<double>();
        var call = QuestionCall().Match(c.Source);
        if (call.Success && call.Groups[1].Value == c.Question)
        {
            double fromCall = double.Parse(call.Groups[2].Value, CultureInfo.InvariantCulture);
            if (!double.IsNaN(p) && p != fromCall)
                throw new LabFormatException($"{name}: {c.Where}: question {c.Question} has {p:g} points in metadata but {fromCall:g} in Grader.Question");
            p = fromCall;
            if (title.Length == 0 && call.Groups[3].Success) title = call.Groups[3].Value;
        }
        if (!points.TryGetValue(c.Question, out var known))
        {
            order.Add(c.Question);
            points[c.Question] = (p, title, c.Kind == LabCellKind.Written, c.Where);
            return;
        }
        if (known.Written != (c.Kind == LabCellKind.Written))
            throw new LabFormatException($"{name}: {c.Where}: question {c.Question} is both written and autograded");
        if (!double.IsNaN(p) && !double.IsNaN(known.Points) && p != known.Points)
            throw new LabFormatException($"{name}: {c.Where}: question {c.Question} has {p:g} points here but {known.Points:g} in {known.Where}");
        if (double.IsNaN(known.Points)) points[c.Question] = (p, title.Length > 0 ? title : known.Title, known.Written, known.Where);
    }

    private static List<HiddenTestChunk> ParseHidden(string text, string name, IReadOnlyList<LabQuestion> questions)
    {
        var chunks = new List<HiddenTestChunk>();
        if (text.Length == 0) return chunks;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string? question = null;
        int start = 0;
        var body = new StringBuilder();
        void Flush()
        {
            if (question is not null) chunks.Add(new HiddenTestChunk(question, start + 1, body.ToString()));
            body.Clear();
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var m = HiddenMarker().Match(lines[i]);
            if (m.Success)
            {
                Flush();
                question = m.Groups[1].Value;
                start = i;
                if (!questions.Any(q => q.Id == question && !q.Written))
                    throw new LabFormatException($"{name}, line {i + 1}: QUESTION {question} is not an autograded question of the lab");
                continue;
            }
            if (question is null)
            {
                if (lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                    throw new LabFormatException($"{name}, line {i + 1}: code before the first // QUESTION line");
                continue;
            }
            body.Append(lines[i]).Append('\n');
        }
        Flush();
        return chunks;
    }

    internal static JsonObject CloneNotebook(JsonObject nb) => (JsonObject)JsonNode.Parse(nb.ToJsonString())!;
}
