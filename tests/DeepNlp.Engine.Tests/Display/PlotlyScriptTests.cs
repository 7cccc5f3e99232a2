using System.Text.RegularExpressions;
using DeepNlp.Engine.Display;
using Plotly.NET;

namespace DeepNlp.Engine.Tests.Display;

public class PlotlyScriptTests
{
    [Fact]
    public void Inline_RunsPlotlyJsWhereDefineExportsAndModuleAreUndefined()
    {
        var element = PlotlyScript.Inline("var x = 1; // end");

        Assert.Equal("<script type=\"text/javascript\">(function(define,exports,module){var x = 1; // end\n}).call(window);</script>\n", element);
    }

    [Fact]
    public void Inline_ScriptEndTagInsidePlotlyJs_IsEscaped()
    {
        var element = PlotlyScript.Inline("s = '</SCRIPT>';");

        Assert.Contains("s = '<\\/SCRIPT>';", element);
        Assert.Equal(1, Regex.Count(element, "</script", RegexOptions.IgnoreCase));
    }

    /// <summary>The embedded plotly.js picks CommonJS, AMD or a global by these three names alone, so with all three hidden by
    /// <see cref="PlotlyScript.Inline"/> it sets window.Plotly even where require.js is on the page (classic Notebook, nbconvert).</summary>
    [Fact]
    public void EmbeddedPlotlyJs_ChoosesItsLoaderOnlyByDefineExportsAndModule()
    {
        var (script, _) = PlotlyScript.Load(typeof(GenericChart).Assembly);

        var umd = Regex.Match(script, @"!function\(t,e\)\{(?<body>[^{}]*)\}\(self,");
        var consulted = Regex.Matches(umd.Groups["body"].Value, @"typeof (\w+)").Select(m => m.Groups[1].Value).Distinct().Order();

        Assert.True(umd.Success, "plotly.js no longer starts with the UMD header this test reads; check how it registers itself");
        Assert.Equal(["define", "exports", "module"], consulted);
        Assert.Contains("t.Plotly=e()", umd.Groups["body"].Value);
    }
}
