using System.Text.Json.Nodes;
using DeepNlp.Engine.Display;
using Plotly.NET;

namespace DeepNlp.Engine.Tests.Display;

public class DisplayFormatterTests
{
    [Fact]
    public void Format_EveryValue_CarriesTextPlain()
    {
        var formatter = new DisplayFormatter();

        Assert.Equal("<null>", formatter.Format(null)[MimeBundle.TextPlain]);
        Assert.Equal("text", formatter.Format("text")[MimeBundle.TextPlain]);
        Assert.Equal("42", formatter.Format(42)[MimeBundle.TextPlain]);
        Assert.Equal(["text/plain"], formatter.Format(42).Keys);
    }

    [Fact]
    public void Format_NumbersBooleansCharactersAndEnums_AreTheirToStringAsPlainText()
    {
        var formatter = new DisplayFormatter();

        var bundles = new object[] { 7L, 2.5, true, 'x', (byte)3, DayOfWeek.Monday, FileAccess.Read | FileAccess.Write, 1.25m }
            .Select(formatter.Format).ToList();

        Assert.Equal(["7", "2.5", "True", "x", "3", "Monday", "ReadWrite", "1.25"], bundles.Select(b => b.Text));
        Assert.All(bundles, b => Assert.Equal(["text/plain"], b.Keys));
    }

    [Fact]
    public void Format_Sequence_GivesTableWithOneColumnPerProperty()
    {
        var formatter = new DisplayFormatter();

        var bundle = formatter.Format(new List<Pair> { new("a", 1), new("b", 2) });

        Assert.Equal("List<Pair> [Pair { Word = a, Count = 1 }, Pair { Word = b, Count = 2 }]", bundle.Text);
        Assert.Equal("<table><thead><tr><th><i>index</i></th><th>Word</th><th>Count</th></tr></thead><tbody>"
            + "<tr><td>0</td><td>a</td><td>1</td></tr><tr><td>1</td><td>b</td><td>2</td></tr></tbody></table>", bundle[MimeBundle.TextHtml]);
    }

    [Fact]
    public void Format_LongSequence_StopsAtMaxRows()
    {
        var formatter = new DisplayFormatter { MaxRows = 3 };

        var bundle = formatter.Format(Enumerable.Range(10, 100).ToArray());

        Assert.Equal("Int32[] [10, 11, 12, ...]", bundle.Text);
        Assert.Contains("<i>(more)</i>", bundle[MimeBundle.TextHtml]);
    }

    [Fact]
    public void Format_PlotlyChart_EmitsPlotlyJson_AndInlinesPlotlyJsOnlyInTheFirstChart()
    {
        var formatter = new DisplayFormatter();
        var chart = Plotly.NET.CSharp.Chart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 4, 5, 6 });

        var first = formatter.Format(chart);
        var second = formatter.Format(chart);

        var figure = JsonNode.Parse(first[MimeBundle.PlotlyJson])!;
        Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal([4, 5, 6], figure["data"]![0]!["y"]!.AsArray().Select(n => n!.GetValue<int>()));
        var (script, version) = PlotlyScript.Load(typeof(GenericChart).Assembly);
        Assert.Equal("2.28.0", version);
        Assert.Contains(script[..200], first[MimeBundle.TextHtml]);
        Assert.DoesNotContain(script[..200], second[MimeBundle.TextHtml]);
        Assert.Contains("Plotly.newPlot", second[MimeBundle.TextHtml]);
        Assert.True(formatter.PlotlyJsSent);
    }

    [Fact]
    public void Format_PlotlyChart_InlinesPlotlyJsHiddenFromAmd_AndDrawsFromWindowPlotly_SoRequireJsPagesDrawIt()
    {
        var formatter = new DisplayFormatter();
        var chart = Plotly.NET.CSharp.Chart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 4, 5, 6 });

        var first = formatter.Format(chart)[MimeBundle.TextHtml];
        var second = formatter.Format(chart)[MimeBundle.TextHtml];

        var (script, _) = PlotlyScript.Load(typeof(GenericChart).Assembly);
        Assert.StartsWith(PlotlyScript.Inline(script), first);
        foreach (var html in new[] { first, second })
        {
            var draw = html[html.LastIndexOf("<script", StringComparison.Ordinal)..];
            Assert.Matches(@"if\(window\.Plotly&&el\)\{Plotly\.newPlot\(el,", draw);
            Assert.DoesNotContain("require", draw);
            Assert.DoesNotContain("define", draw);
        }
    }

    [Fact]
    public void Format_ToStringThatThrows_ShowsTheErrorInstead()
    {
        var formatter = new DisplayFormatter();

        var bundle = formatter.Format(new Broken());

        Assert.Equal("<Broken.ToString() threw InvalidOperationException: no text>", bundle.Text);
    }

    [Fact]
    public void ToJsonObject_KeepsJsonMimeTypesAsObjects_AndTextAsLines()
    {
        var bundle = new MimeBundle("a\nb", [new(MimeBundle.PlotlyJson, "{\"data\":[]}")]);

        var json = bundle.ToJsonObject();

        Assert.Equal("{\"application/vnd.plotly.v1+json\":{\"data\":[]},\"text/plain\":[\"a\\n\",\"b\"]}",
            json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Format_ObjectWithoutToString_GivesPropertyTable()
    {
        var formatter = new DisplayFormatter();

        var bundle = formatter.Format(new Settings { Hidden = 64, Name = "lstm" });

        Assert.Equal("Settings { Hidden = 64, Name = lstm }", bundle.Text);
        Assert.Equal("<table><thead><tr><th colspan=\"2\">Settings</th></tr></thead><tbody>"
            + "<tr><td>Hidden</td><td>64</td></tr><tr><td>Name</td><td>lstm</td></tr></tbody></table>", bundle[MimeBundle.TextHtml]);
    }

    public sealed record Pair(string Word, int Count);

    public sealed class Settings
    {
        public int Hidden { get; init; }

        public string Name { get; init; } = "";
    }

    private sealed class Broken
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }
}
