using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Reports;

/// <summary>Per-student outputs: feedback as Markdown and HTML, and Gradescope's results.json.</summary>
internal static class SubmissionReports
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string output, Lab lab, SubmissionResult r, FeedbackView view)
    {
        AtomicFile.WriteAllText(Path.Combine(output, "feedback", r.Student + ".md"), Markdown(lab, r, view));
        AtomicFile.WriteAllText(Path.Combine(output, "feedback", r.Student + ".html"), Html(lab, r, view));
        AtomicFile.WriteAllText(Path.Combine(output, "gradescope", r.Student + ".json"), Gradescope(lab, r, view));
        AtomicFile.WriteAllText(Path.Combine(output, "prairielearn", r.Student + ".json"),
            Autograder.PrairieLearnBundle.Results(lab, r, r.FinalScore, LateLine(r).Length > 0 ? " " + LateLine(r) : ""));
    }

    /// <summary>The late-policy sentence of the feedback: raw score, penalty, final score and why; empty when on time.</summary>
    public static string LateLine(SubmissionResult r) => r.Late is not { } late || late.Reason.Length == 0 ? ""
        : string.Create(CultureInfo.InvariantCulture, $"Late: {late.Reason}. Raw {r.Score:0.##}, penalty {r.Penalty:0.##}, final {r.FinalScore:0.##} / {r.MaxScore:0.##}.");

    /// <summary>A test's line in the feedback: a hidden test's name and message are withheld until the due date has passed.</summary>
    private static string TestText(TestScore t, FeedbackView view) =>
        !t.Hidden ? t.Name + (!t.Passed && t.Message.Length > 0 ? ": " + t.Message : "")
        : view.RevealHidden ? "(hidden) " + t.Name + (!t.Passed && t.Message.Length > 0 ? ": " + t.Message : "")
        : "(hidden test: its name and message are shown after the due date)";

    public static string Markdown(Lab lab, SubmissionResult r, FeedbackView view)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {lab.Name}: feedback for {r.Student}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"**Autograded score: {r.Score:0.##} / {r.MaxScore:0.##}**");
        if (lab.Questions.Any(q => q.Written)) sb.Append(" (written answers are graded by hand)");
        if (LateLine(r) is { Length: > 0 } lateLine) sb.Append("\n\n**").Append(lateLine).Append("**");
        sb.Append("\n\n| question | score | points |\n|---|---:|---:|\n");
        foreach (var q in r.Questions)
            sb.Append(CultureInfo.InvariantCulture, $"| {q.Question} {Escape(q.Title)} | {(q.Written ? "by hand" : q.Score.ToString("0.##", CultureInfo.InvariantCulture))} | {q.Points:0.##} |\n");
        foreach (var q in r.Questions.Where(q => !q.Written))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {q.Question}: {q.Title} ({q.Score:0.##} / {q.Points:0.##})\n\n");
            foreach (var t in q.Tests)
            {
                sb.Append(t.Passed ? "- ✓ " : "- ✗ ").Append(Escape(TestText(t, view))).Append('\n');
            }
        }
        if (r.Problems.Count > 0)
        {
            sb.Append("\n## Problems while running your notebook\n\n");
            foreach (var p in r.Problems) sb.Append("- ").Append(Escape(p)).Append('\n');
        }
        if (r.Isolation.Length > 0) sb.Append("\n*Graded in: ").Append(Escape(r.Isolation)).Append(".*\n");
        foreach (var q in r.Questions.Where(q => q.Written))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {q.Question} (written, {q.Points:0.##} points, graded by hand)\n\n");
            string answer = r.WrittenAnswers.GetValueOrDefault(q.Question, "");
            sb.Append(answer.Length == 0 ? "_No answer found._" : string.Join('\n', answer.Split('\n').Select(l => "> " + l))).Append('\n');
        }
        return sb.ToString();
    }

    public static string Html(Lab lab, SubmissionResult r, FeedbackView view)
    {
        var sb = new StringBuilder();
        string H(string s) => WebUtility.HtmlEncode(s);
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(H($"{lab.Name}: {r.Student}"))
          .Append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;text-align:left}"
              + ".pass{color:#070}.fail{color:#b00}blockquote{border-left:3px solid #ccc;margin:0;padding-left:1em;white-space:pre-wrap}</style></head><body>\n");
        sb.Append("<h1>").Append(H($"{lab.Name}: feedback for {r.Student}")).Append("</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p><b>Autograded score: {r.Score:0.##} / {r.MaxScore:0.##}</b></p>\n");
        if (LateLine(r) is { Length: > 0 } lateLine) sb.Append("<p><b>").Append(H(lateLine)).Append("</b></p>\n");
        sb.Append("<table><tr><th>question</th><th>score</th><th>points</th></tr>\n");
        foreach (var q in r.Questions)
            sb.Append("<tr><td>").Append(H($"{q.Question} {q.Title}")).Append("</td><td>")
              .Append(q.Written ? "by hand" : q.Score.ToString("0.##", CultureInfo.InvariantCulture))
              .Append(CultureInfo.InvariantCulture, $"</td><td>{q.Points:0.##}</td></tr>\n");
        sb.Append("</table>\n");
        foreach (var q in r.Questions.Where(q => !q.Written))
        {
            sb.Append("<h2>").Append(H($"{q.Question}: {q.Title}")).Append(CultureInfo.InvariantCulture, $" ({q.Score:0.##} / {q.Points:0.##})</h2>\n<ul>\n");
            foreach (var t in q.Tests)
                sb.Append(t.Passed ? "<li class=\"pass\">✓ " : "<li class=\"fail\">✗ ").Append(H(TestText(t, view))).Append("</li>\n");
            sb.Append("</ul>\n");
        }
        if (r.Problems.Count > 0)
        {
            sb.Append("<h2>Problems while running your notebook</h2>\n<ul>\n");
            foreach (var p in r.Problems) sb.Append("<li>").Append(H(p)).Append("</li>\n");
            sb.Append("</ul>\n");
        }
        if (r.Isolation.Length > 0) sb.Append("<p><em>Graded in: ").Append(H(r.Isolation)).Append(".</em></p>\n");
        foreach (var q in r.Questions.Where(q => q.Written))
            sb.Append("<h2>").Append(H($"{q.Question} (written, graded by hand)")).Append("</h2>\n<blockquote>")
              .Append(H(r.WrittenAnswers.GetValueOrDefault(q.Question, ""))).Append("</blockquote>\n");
        return sb.Append("</body></html>\n").ToString();
    }

    /// <summary>Gradescope's results.json: one entry per test; hidden tests are shown after the due date when the lab has
    /// a late policy (Gradescope's <c>after_due_date</c>), else after grades are published.</summary>
    public static string Gradescope(Lab lab, SubmissionResult r, FeedbackView view)
    {
        var tests = new JsonArray();
        foreach (var q in r.Questions.Where(q => !q.Written))
        {
            int k = 0;
            foreach (var t in q.Tests)
            {
                tests.Add(new JsonObject
                {
                    ["name"] = $"{q.Question}: {t.Name}",
                    ["number"] = $"{q.Question}.{++k}",
                    ["score"] = Math.Round(t.Score, 4),
                    ["max_score"] = Math.Round(t.MaxScore, 4),
                    ["output"] = t.Passed ? "passed" : t.Message,
                    ["visibility"] = !t.Hidden ? "visible" : view.Policy is not null ? "after_due_date" : "after_published",
                });
            }
        }
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"Autograded score {r.Score:0.##} / {r.MaxScore:0.##}.");
        if (LateLine(r) is { Length: > 0 } lateLine) output.Append(' ').Append(lateLine);
        foreach (var p in r.Problems) output.Append('\n').Append(p);
        var root = new JsonObject
        {
            ["score"] = Math.Round(r.FinalScore, 4),
            ["output"] = output.ToString(),
            ["visibility"] = "visible",
            ["stdout_visibility"] = "hidden",
            ["tests"] = tests,
        };
        return root.ToJsonString(Json) + "\n";
    }

    private static string Escape(string s) => s.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|");
}

/// <summary>What feedback may show: the lab's late policy (null: none) and whether hidden tests are named yet.</summary>
/// <param name="Policy">The late policy.</param>
/// <param name="RevealHidden">True once the due date (plus grace) has passed, or when the lab has no due date.</param>
internal sealed record FeedbackView(Policy.LatePolicy? Policy, bool RevealHidden)
{
    /// <summary>No policy: hidden tests are named, as before due dates existed.</summary>
    public static FeedbackView Open { get; } = new(null, true);
}
