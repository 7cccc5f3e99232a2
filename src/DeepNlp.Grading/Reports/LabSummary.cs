using System.Globalization;
using System.Net;
using System.Text;
using DeepNlp.Engine.Display;
using DeepNlp.Grading.Authoring;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace DeepNlp.Grading.Reports;

/// <summary>The instructor's summary page of a grading run: <c>summary.html</c>, readable offline (plotly.js inlined once).</summary>
/// <remarks>Shows a histogram of final scores, each question's pass rate and each test's pass rate as Plotly.NET charts,
/// the tests failed most often, the slowest submissions (the grader times submissions, not single tests), and the
/// submissions that hit a limit (wall time, cell or test timeout, memory, output cap) or could not be graded.</remarks>
internal static class LabSummary
{
    public static void Write(string path, Lab lab, IReadOnlyList<SubmissionResult> results) =>
        AtomicFile.WriteAllText(path, Build(lab, results));

    public static string Build(Lab lab, IReadOnlyList<SubmissionResult> results)
    {
        string H(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(H(lab.Name)).Append(": grading summary</title>")
          .Append("<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}td,th{padding:.2em .6em;text-align:left}</style></head><body>\n");
        sb.Append("<h1>").Append(H(lab.Name)).Append(CultureInfo.InvariantCulture, $": {results.Count} submission(s)</h1>\n");
        if (results.Count > 0)
        {
            var finals = results.Select(r => r.FinalScore).Order().ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<p>Final score out of {lab.AutogradedPoints:0.##}: mean {finals.Average():0.##}, median {finals[finals.Count / 2]:0.##}, "
                + $"min {finals[0]:0.##}, max {finals[^1]:0.##}; {results.Count(r => r.Penalty > 0)} late submission(s) penalised.</p>\n");
        }
        sb.Append(PlotlyScript.Inline(PlotlyScript.Load(typeof(GenericChart).Assembly).Script));
        var histogram = Chart.Histogram<double, double, string>(X: results.Select(r => r.FinalScore).ToArray(), Name: "submissions")
            .WithXAxisStyle<double, double, string>(TitleText: $"final score (out of {lab.AutogradedPoints:0.##})")
            .WithYAxisStyle<double, double, string>(TitleText: "submissions");
        sb.Append("<h2>Score histogram</h2>\n").Append(Figure(histogram));
        var questions = lab.Questions.Where(q => !q.Written).ToList();
        var qRates = questions.Select(q => Rate(results, r => r.Questions.Where(x => x.Question == q.Id).Sum(x => x.Points) is var p && p > 0
            && r.Questions.First(x => x.Question == q.Id).Score >= p - 1e-9)).ToArray();
        var qChart = Chart.Column<double, string, string>(values: qRates, Keys: questions.Select(q => q.Id).ToArray(), Name: "full marks")
            .WithYAxisStyle<double, double, string>(TitleText: "submissions with full marks (%)");
        sb.Append("<h2>Pass rate per question</h2>\n").Append(Figure(qChart));
        var tests = results.SelectMany(r => r.Questions.SelectMany(q => q.Tests)).GroupBy(t => $"{t.Question}: {t.Name}")
            .Select(g => (Name: g.Key, Total: g.Count(), Failed: g.Count(t => !t.Passed), Hidden: g.First().Hidden)).ToList();
        var tChart = Chart.Bar<double, string, string>(values: tests.Select(t => 100.0 * (t.Total - t.Failed) / t.Total).ToArray(),
                Keys: tests.Select(t => t.Name).ToArray(), Name: "passed")
            .WithXAxisStyle<double, double, string>(TitleText: "submissions passing (%)");
        sb.Append("<h2>Pass rate per test</h2>\n").Append(Figure(tChart));
        sb.Append("<h2>Tests failed most often</h2>\n<table><tr><th>test</th><th>failed</th><th>of</th></tr>\n");
        foreach (var t in tests.Where(t => t.Failed > 0).OrderByDescending(t => t.Failed).ThenBy(t => t.Name, StringComparer.Ordinal).Take(15))
            sb.Append("<tr><td>").Append(H(t.Name + (t.Hidden ? " (hidden)" : ""))).Append(CultureInfo.InvariantCulture, $"</td><td>{t.Failed}</td><td>{t.Total}</td></tr>\n");
        sb.Append("</table>\n<h2>Slowest submissions</h2>\n<table><tr><th>student</th><th>seconds</th><th>processes</th></tr>\n");
        foreach (var r in results.OrderByDescending(r => r.Seconds).Take(10))
            sb.Append("<tr><td>").Append(H(r.Student)).Append(CultureInfo.InvariantCulture, $"</td><td>{r.Seconds:F1}</td><td>{r.Attempts}</td></tr>\n");
        sb.Append("</table>\n<h2>Submissions that hit a limit or could not be graded</h2>\n<table><tr><th>student</th><th>problem</th></tr>\n");
        foreach (var r in results.Where(HitLimit).OrderBy(r => r.Student, StringComparer.Ordinal))
            sb.Append("<tr><td>").Append(H(r.Student)).Append("</td><td>").Append(H(string.Join("; ", r.Problems))).Append("</td></tr>\n");
        return sb.Append("</table>\n</body></html>\n").ToString();
    }

    /// <summary>True when grading stopped short: a limit was hit (time, memory, output) or the notebook never ran.</summary>
    public static bool HitLimit(SubmissionResult r) => r.Attempts == 0 || !r.Finished
        || r.Problems.Any(p => p.Contains("limit", StringComparison.OrdinalIgnoreCase) || p.Contains("timed out", StringComparison.OrdinalIgnoreCase)
            || p.Contains("OutOfMemory", StringComparison.Ordinal));

    private static double Rate(IReadOnlyList<SubmissionResult> results, Func<SubmissionResult, bool> pass) =>
        results.Count == 0 ? 0 : Math.Round(100.0 * results.Count(pass) / results.Count, 1);

    private static string Figure(GenericChart chart)
    {
        string id = "chart" + Guid.NewGuid().ToString("N")[..10];
        string json = GenericChart.toFigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        return $"<div id=\"{id}\"></div>\n<script type=\"text/javascript\">(function(){{var fig={json};Plotly.newPlot(document.getElementById('{id}'),fig.data,fig.layout||{{}},{{responsive:true}});}})();</script>\n";
    }
}
