using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Policy;

/// <summary>Reads submission times and extensions: a CSV of times, Gradescope's <c>submission_metadata.json</c>, the
/// notebook's timestamp, and an extensions CSV.</summary>
public static class SubmissionTimes
{
    /// <summary>Reads a CSV with a header naming the columns <c>student</c> and <c>submitted_at</c> (ISO 8601).</summary>
    /// <param name="path">The CSV file.</param>
    /// <exception cref="LabFormatException">A missing column or a bad time; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, DateTimeOffset> ReadCsv(string path)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (line, row) in Rows(path, "student", "submitted_at"))
            result[row[0]] = ParseTime(row[1], $"{path}, line {line}");
        return result;
    }

    /// <summary>Reads extensions: a CSV with <c>student</c> and either <c>extra_days</c> (a number) or <c>due</c> (a new due
    /// date, turned into the extension it grants against <paramref name="policy"/>).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="policy">The lab's policy (needed for <c>due</c>).</param>
    /// <exception cref="LabFormatException">A missing column or a bad value; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, TimeSpan> ReadExtensions(string path, LatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var header = Header(path);
        bool byDate = header.Contains("due") && !header.Contains("extra_days");
        var result = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (line, row) in Rows(path, "student", byDate ? "due" : "extra_days"))
        {
            string where = $"{path}, line {line}";
            if (byDate) result[row[0]] = ParseTime(row[1], where) - policy.Due;
            else if (double.TryParse(row[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && days >= 0)
                result[row[0]] = TimeSpan.FromDays(days);
            else throw new LabFormatException($"{where}: extra_days must be a non-negative number, not \"{row[1]}\"");
        }
        return result;
    }

    /// <summary>The time of one submission: the CSV's entry for the student, else Gradescope's
    /// <c>submission_metadata.json</c> (its <c>created_at</c>) in the submission folder, else the notebook's last-write time.</summary>
    /// <param name="student">Student id.</param>
    /// <param name="submission">The submission as given on the command line (a notebook or a folder).</param>
    /// <param name="notebook">The notebook found in it (null when none).</param>
    /// <param name="csv">Times from a CSV (may be null).</param>
    public static SubmissionTime Find(string student, string submission, string? notebook, IReadOnlyDictionary<string, DateTimeOffset>? csv)
    {
        if (csv is not null && csv.TryGetValue(student, out var at)) return new SubmissionTime(at, "time from the submissions CSV");
        if (Directory.Exists(submission))
        {
            string meta = Path.Combine(submission, "submission_metadata.json");
            if (File.Exists(meta) && Gradescope(meta) is { } g) return new SubmissionTime(g, "time from Gradescope's submission_metadata.json");
        }
        string file = notebook ?? submission;
        return new SubmissionTime(new DateTimeOffset(File.Exists(file) ? File.GetLastWriteTimeUtc(file) : Directory.GetLastWriteTimeUtc(file), TimeSpan.Zero),
            "time from the file's timestamp");
    }

    /// <summary>The <c>created_at</c> of Gradescope's submission metadata, or null when absent or unreadable.</summary>
    /// <param name="path">The <c>submission_metadata.json</c> file.</param>
    public static DateTimeOffset? Gradescope(string path)
    {
        try
        {
            string? created = (string?)JsonNode.Parse(File.ReadAllText(path))?["created_at"];
            return created is not null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException) { return null; }
    }

    private static DateTimeOffset ParseTime(string s, string where) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
            : throw new LabFormatException($"{where}: \"{s}\" is not an ISO 8601 date and time");

    private static List<string> Header(string path)
    {
        if (!File.Exists(path)) throw new LabFormatException($"{path}: file not found");
        return Csv.Split(File.ReadLines(path).FirstOrDefault() ?? "").Select(h => h.Trim().ToLowerInvariant()).ToList();
    }

    private static IEnumerable<(int Line, string[] Row)> Rows(string path, string key, string value)
    {
        var header = Header(path);
        int k = header.IndexOf(key), v = header.IndexOf(value);
        if (k < 0 || v < 0) throw new LabFormatException($"{path}, line 1: the header must name the columns \"{key}\" and \"{value}\"");
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            if (++line == 1 || text.Trim().Length == 0) continue;
            var f = Csv.Split(text);
            if (f.Count <= Math.Max(k, v)) throw new LabFormatException($"{path}, line {line}: expected at least {Math.Max(k, v) + 1} fields, found {f.Count}");
            yield return (line, [f[k].Trim(), f[v].Trim()]);
        }
    }
}
