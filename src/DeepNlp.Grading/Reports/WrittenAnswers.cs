using System.Text;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Reports;

/// <summary>Collects every student's answer to each written question into one Markdown file per question, for grading by hand.</summary>
internal static class WrittenAnswers
{
    public static void Write(string dir, Lab lab, IReadOnlyList<SubmissionResult> results)
    {
        foreach (var q in lab.Questions.Where(q => q.Written))
        {
            var sb = new StringBuilder();
            sb.Append($"# {lab.Name}: {q.Id} ({q.Points:g} points)\n");
            foreach (var r in results.OrderBy(r => r.Student, StringComparer.Ordinal))
            {
                string answer = r.WrittenAnswers.GetValueOrDefault(q.Id, "");
                sb.Append($"\n## {r.Student}\n\n").Append(answer.Length == 0 ? "_No answer found._" : answer).Append('\n');
            }
            AtomicFile.WriteAllText(Path.Combine(dir, q.Id + ".md"), sb.ToString());
        }
    }
}
