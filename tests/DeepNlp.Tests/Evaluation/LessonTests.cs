using DeepNlp.Evaluation;

namespace DeepNlp.Tests.Evaluation;

public class LessonTests
{
    [Fact]
    public void Check_ClaimThatHolds_ReturnsCheckMarkLineWithEvidence()
    {
        var check = Lesson.Check("KN beats add-one", true, "248.6 vs 1,020.3");

        Assert.Equal("✓ KN beats add-one — 248.6 vs 1,020.3", check.ToString());
        Assert.Equal("KN beats add-one", check.Claim);
        Assert.Equal("248.6 vs 1,020.3", check.Evidence);
    }

    [Fact]
    public void Check_ClaimThatFails_ThrowsWithClaimAndEvidenceInMessage()
    {
        var e = Assert.Throws<LessonCheckFailedException>(() => Lesson.Check("the LSTM beats the baseline", false, "78.5% vs 81.4%"));

        Assert.Equal("lesson check failed: the LSTM beats the baseline — 78.5% vs 81.4%", e.Message);
        Assert.Equal("the LSTM beats the baseline", e.Claim);
        Assert.Equal("78.5% vs 81.4%", e.Evidence);
    }

    [Fact]
    public void Check_EmptyEvidence_ShowsClaimAlone()
    {
        var check = Lesson.Check("every row scored the same tokens", true, "");

        Assert.Equal("✓ every row scored the same tokens", check.ToString());
        Assert.Equal("lesson check failed: x", Assert.Throws<LessonCheckFailedException>(() => Lesson.Check("x", false, "")).Message);
    }

    [Fact]
    public void Check_BlankClaim_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Lesson.Check("  ", true, "1 vs 2"));
    }

    [Fact]
    public void ToHtml_EncodesClaimAndEvidence_WithGreenMark()
    {
        var check = Lesson.Check("n ≥ 2: <MKN> wins", true, "a & b");

        Assert.Equal("<div class=\"deepnlp-lesson-check\"><span style=\"color:green\">✓</span> n ≥ 2: &lt;MKN&gt; wins"
            + " <span style=\"color:#666\">— a &amp; b</span></div>", check.ToHtml());
    }

    [Fact]
    public void CheckAtNativeSize_Natively_IsCheck_AndFailsWhenTheClaimDoesNotHold()
    {
        Assert.False(Profile.Browser);
        Assert.Equal("native", Profile.Name);
        var check = Lesson.CheckAtNativeSize("the LSTM beats the RNN", true, "3.1 vs 3.4");

        Assert.Equal("✓ the LSTM beats the RNN — 3.1 vs 3.4", check.ToString());
        Assert.False(check.NotCheckedInBrowser);
        Assert.Equal(Lesson.Check("the LSTM beats the RNN", true, "3.1 vs 3.4").ToHtml(), check.ToHtml());
        Assert.Throws<LessonCheckFailedException>(() => Lesson.CheckAtNativeSize("the LSTM beats the RNN", false, "3.5 vs 3.4"));
    }

    [Fact]
    public void NotCheckedInBrowser_ShowsAVisibleNoteInsteadOfTheCheckMark()
    {
        var note = new LessonCheck("the LSTM beats the RNN", "3.5 vs 3.4") { NotCheckedInBrowser = true };

        Assert.Equal("– the LSTM beats the RNN — 3.5 vs 3.4 (not checked in the browser: it holds at the native size, the browser "
            + "profile runs smaller data and models)", note.ToString());
        Assert.DoesNotContain("✓", note.ToHtml());
        Assert.Contains("not checked in the browser", note.ToHtml());
    }
}
