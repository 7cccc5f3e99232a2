using System.Globalization;
using System.Text;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Reports;

/// <summary>The gradebook: one row per student, one column per question, written atomically.</summary>
/// <remarks>The autograded column is the raw score; penalty is what the late policy took off; final is what counts.
/// Written questions get an empty column for the hand-graded points. Fields are quoted as RFC 4180 asks.</remarks>
internal static class GradebookCsv
{
    public static void Write(string path, Lab lab, IReadOnlyList<SubmissionResult> results) =>
        AtomicFile.WriteAllText(path, Build(lab, results));

    public static string Build(Lab lab, IReadOnlyList<SubmissionResult> results)
    {
        var sb = new StringBuilder();
        var header = new List<string> { "student" };
        header.AddRange(lab.Questions.Select(q => q.Written ? $"{q.Id} (written, /{q.Points:g})" : $"{q.Id} (/{q.Points:g})"));
        header.AddRange(["autograded", "autograded_max", "late_days", "penalty", "final", "status", "submission_sha256"]);
        sb.Append(string.Join(',', header.Select(Field))).Append('\n');
        foreach (var r in results.OrderBy(r => r.Student, StringComparer.Ordinal))
        {
            var row = new List<string> { r.Student };
            row.AddRange(r.Questions.Select(q => q.Written ? "" : q.Score.ToString("0.####", CultureInfo.InvariantCulture)));
            row.Add(r.Score.ToString("0.####", CultureInfo.InvariantCulture));
            row.Add(r.MaxScore.ToString("0.####", CultureInfo.InvariantCulture));
            row.Add(r.Late is null ? "" : r.Late.DaysLate.ToString(CultureInfo.InvariantCulture));
            row.Add(r.Penalty.ToString("0.####", CultureInfo.InvariantCulture));
            row.Add(r.FinalScore.ToString("0.####", CultureInfo.InvariantCulture));
            row.Add(!r.Finished ? "incomplete" : r.Problems.Count > 0 ? $"{r.Problems.Count} problem(s)" : "ok");
            row.Add(r.SubmissionHash);
            sb.Append(string.Join(',', row.Select(Field))).Append('\n');
        }
        return sb.ToString();
    }

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
