using System.Net;

namespace DeepNlp.Evaluation;

/// <summary>A lecture claim that its own run has checked: the claim, and the numbers that show it holds.</summary>
/// <remarks>
/// Made by <see cref="Lesson.Check"/>, which throws instead of returning one when the claim is false, so a
/// <see cref="LessonCheck"/> always records a claim that held. Notebooks display it as one line,
/// <c>✓ claim — evidence</c>: <see cref="ToString"/> for text, <see cref="ToHtml"/> for HTML front ends.
/// </remarks>
/// <param name="Claim">The sentence the lecture's prose makes, e.g. "modified Kneser–Ney has the lowest perplexity for n ≥ 2".</param>
/// <param name="Evidence">The numbers from the same run that support it, e.g. "n=5: 248.6 vs Jelinek–Mercer 260.1".</param>
public sealed record LessonCheck(string Claim, string Evidence)
{
    /// <summary>Why a browser run shows this claim unchecked (see <see cref="Lesson.CheckAtNativeSize"/>).</summary>
    private const string BrowserNote = "not checked in the browser: it holds at the native size, the browser profile runs smaller data and models";

    /// <summary>True when the claim did not hold in the browser profile's smaller run and was shown as a note instead
    /// (<see cref="Lesson.CheckAtNativeSize"/>); always false natively.</summary>
    public bool NotCheckedInBrowser { get; init; }

    /// <summary>The check as one line of text: <c>✓ claim — evidence</c> (or <c>– claim — evidence (not checked in the browser …)</c>).</summary>
    public override string ToString() => NotCheckedInBrowser
        ? $"– {Claim}{(Evidence.Length == 0 ? "" : " — " + Evidence)} ({BrowserNote})"
        : Evidence.Length == 0 ? $"✓ {Claim}" : $"✓ {Claim} — {Evidence}";

    /// <summary>The check as one HTML line with a green mark, the claim, and the evidence in grey.</summary>
    public string ToHtml() =>
        "<div class=\"deepnlp-lesson-check\">" + (NotCheckedInBrowser ? "<span style=\"color:#b60\">–</span> " : "<span style=\"color:green\">✓</span> ")
        + WebUtility.HtmlEncode(Claim)
        + (Evidence.Length == 0 ? "" : " <span style=\"color:#666\">— " + WebUtility.HtmlEncode(Evidence) + "</span>")
        + (NotCheckedInBrowser ? " <em style=\"color:#b60\">(" + BrowserNote + ")</em>" : "")
        + "</div>";
}
