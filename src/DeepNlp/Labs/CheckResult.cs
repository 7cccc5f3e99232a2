using System.Globalization;
using System.Net;
using System.Text;

namespace DeepNlp.Labs;

/// <summary>What <see cref="Grader.Check"/> found for one question: a pass/fail row per visible test.</summary>
/// <remarks>Notebooks display it as a table: <see cref="ToString"/> for text, <see cref="ToHtml"/> for HTML front ends.</remarks>
public sealed class CheckResult
{
    /// <summary>Creates a result for <paramref name="question"/> from its test outcomes.</summary>
    /// <param name="question">Question id, e.g. <c>q1</c>.</param>
    /// <param name="outcomes">One outcome per test that ran, in registration order.</param>
    /// <param name="note">Extra line shown under the table (empty for none).</param>
    public CheckResult(string question, IReadOnlyList<TestOutcome> outcomes, string note = "")
    {
        Question = question;
        Outcomes = outcomes;
        Note = note;
    }

    /// <summary>The question id the tests belong to.</summary>
    public string Question { get; }

    /// <summary>One outcome per test, in registration order.</summary>
    public IReadOnlyList<TestOutcome> Outcomes { get; }

    /// <summary>Extra line shown under the table, e.g. why no test ran.</summary>
    public string Note { get; }

    /// <summary>Number of tests that passed.</summary>
    public int PassedCount => Outcomes.Count(o => o.Passed);

    /// <summary>True when at least one test ran and every test passed.</summary>
    public bool AllPassed => Outcomes.Count > 0 && Outcomes.All(o => o.Passed);

    /// <summary>The table as plain text: one line per test with ✓ or ✗ and the failure message.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Question}: {PassedCount}/{Outcomes.Count} tests passed");
        foreach (var o in Outcomes)
        {
            sb.Append('\n').Append(o.Passed ? "  ✓ " : "  ✗ ").Append(o.Name);
            if (!o.Passed) sb.Append(" — ").Append(o.Message);
        }
        if (Note.Length > 0) sb.Append('\n').Append(Note);
        return sb.ToString();
    }

    /// <summary>The table as HTML, with a green or red mark per test.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"deepnlp-check\"><p><b>").Append(WebUtility.HtmlEncode(Question)).Append("</b>: ")
          .Append(CultureInfo.InvariantCulture, $"{PassedCount}/{Outcomes.Count} tests passed</p>");
        sb.Append("<table><thead><tr><th></th><th>test</th><th>message</th><th>seconds</th></tr></thead><tbody>");
        foreach (var o in Outcomes)
        {
            sb.Append("<tr><td style=\"color:").Append(o.Passed ? "green\">✓" : "red\">✗").Append("</td><td>")
              .Append(WebUtility.HtmlEncode(o.Name)).Append("</td><td>").Append(WebUtility.HtmlEncode(o.Message))
              .Append(CultureInfo.InvariantCulture, $"</td><td>{o.Seconds:0.00}</td></tr>");
        }
        sb.Append("</tbody></table>");
        if (Note.Length > 0) sb.Append("<p>").Append(WebUtility.HtmlEncode(Note)).Append("</p>");
        return sb.Append("</div>").ToString();
    }
}
