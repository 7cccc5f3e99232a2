using System.Globalization;
using System.Text;
using DeepNlp.Grading.Authoring;
using DeepNlp.Grading.Policy;

namespace DeepNlp.Grading.Reports;

/// <summary>Gradebook exports for a learning-management system: <c>canvas.csv</c> and <c>questions.csv</c>.</summary>
/// <remarks>
/// <c>canvas.csv</c> follows Canvas's gradebook import format, which is the layout of Canvas's own gradebook export:
/// the columns <c>Student</c>, <c>ID</c>, <c>SIS User ID</c>, <c>SIS Login ID</c>, <c>Section</c>, then one column per
/// assignment; a second row starting <c>Points Possible</c> gives the assignment's points. Canvas matches rows on ID or
/// SIS User ID, so without a roster the submission id goes in SIS User ID. The score is the final score (after any
/// late penalty). <c>questions.csv</c> is one row per student and question: <c>student,question,score,points,tests_passed,tests</c>.
/// </remarks>
internal static class LmsExport
{
    public static readonly string[] CanvasColumns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"];

    public static void Write(string output, Lab lab, IReadOnlyList<SubmissionResult> results, IReadOnlyDictionary<string, RosterEntry>? roster)
    {
        AtomicFile.WriteAllText(Path.Combine(output, "canvas.csv"), Canvas(lab, results, roster));
        AtomicFile.WriteAllText(Path.Combine(output, "questions.csv"), Questions(results));
    }

    public static string Canvas(Lab lab, IReadOnlyList<SubmissionResult> results, IReadOnlyDictionary<string, RosterEntry>? roster)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', CanvasColumns.Append(lab.Name).Select(Csv.Field))).Append('\n');
        sb.Append("Points Possible,,,,,").Append(lab.AutogradedPoints.ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var r in results.OrderBy(r => r.Student, StringComparer.Ordinal))
        {
            var e = roster?.GetValueOrDefault(r.Student);
            string[] row = e is null
                ? [r.Student, "", r.Student, "", "", Score(r.FinalScore)]
                : [e.Name.Length > 0 ? e.Name : r.Student, e.CanvasId, e.SisUserId, e.SisLoginId, e.Section, Score(r.FinalScore)];
            sb.Append(string.Join(',', row.Select(Csv.Field))).Append('\n');
        }
        return sb.ToString();
    }

    public static string Questions(IReadOnlyList<SubmissionResult> results)
    {
        var sb = new StringBuilder("student,question,score,points,tests_passed,tests\n");
        foreach (var r in results.OrderBy(r => r.Student, StringComparer.Ordinal))
            foreach (var q in r.Questions.Where(q => !q.Written))
                sb.Append(CultureInfo.InvariantCulture, $"{Csv.Field(r.Student)},{Csv.Field(q.Question)},{Score(q.Score)},{Score(q.Points)},{q.Tests.Count(t => t.Passed)},{q.Tests.Count}\n");
        return sb.ToString();
    }

    private static string Score(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}
