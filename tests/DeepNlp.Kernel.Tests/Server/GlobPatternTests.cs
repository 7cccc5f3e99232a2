using DeepNlp.Kernel.Server;

namespace DeepNlp.Kernel.Tests.Server;

/// <summary>history_request's glob, as SQLite's GLOB matches it.</summary>
public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("6*7", "6 * 7", true)]
    [InlineData("6*7", "x = 6 * 7;", false)]
    [InlineData("*Range*", "Enumerable.Range(1, 4).Sum()", true)]
    [InlineData("1?2*", "1+2+3", true)]
    [InlineData("1?2*", "12", false)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("a*b*c", "a-b-b-c", true)]
    [InlineData("a*b*c", "a-b-b-", false)]
    [InlineData("*", "line 1\nline 2", true)]
    [InlineData("value [0-9]", "value 5", true)]
    [InlineData("value [^0-9]", "value 5", false)]
    [InlineData("value [^0-9]", "value x", true)]
    [InlineData("[]]", "]", true)]
    [InlineData("[a-]", "-", true)]
    [InlineData("a[b", "a[b", true)]
    [InlineData("Console", "console", false)]
    public void IsMatch_FollowsSqliteGlob(string pattern, string text, bool expected)
    {
        var matched = GlobPattern.IsMatch(pattern, text);

        Assert.Equal(expected, matched);
    }
}
