using DeepNlp.Charts;

namespace DeepNlp.Tests.Charts;

public class HtmlTableTests
{
    [Fact]
    public void Of_FormatsNumbersInvariantly_AndEncodesText()
    {
        var rows = new[] { new object?[] { "<unk>", 1234567, 0.123456, null } };

        var html = HtmlTable.Of(["token", "count", "p", "note"], rows, doubleFormat: "G3");

        Assert.Equal("<table><tr><th>token</th><th>count</th><th>p</th><th>note</th></tr>" +
                     "<tr><td>&lt;unk&gt;</td><td>1,234,567</td><td>0.123</td><td></td></tr></table>", html);
    }

    [Fact]
    public void Cell_KeepsNonAsciiText_EscapesOnlyMarkup()
    {
        var text = HtmlTable.Cell("inputs × 5 & \"more\" ⏎");

        Assert.Equal("inputs × 5 &amp; &quot;more&quot; ⏎", text);
    }

    [Fact]
    public void Cell_DefaultFormat_IsFourSignificantDigits()
    {
        var text = HtmlTable.Cell(Math.PI);

        Assert.Equal("3.142", text);
    }

    [Fact]
    public void Of_NoRows_GivesTheHeaderOnly()
    {
        var html = HtmlTable.Of(["a"], []);

        Assert.Equal("<table><tr><th>a</th></tr></table>", html);
    }
}
