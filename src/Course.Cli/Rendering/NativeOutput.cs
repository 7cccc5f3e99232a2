using System.Net;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Notebooks;

namespace Course.Cli.Rendering;

/// <summary>The <c>native-output</c> cell tag: on the live site, a cell whose result needs more compute than a browser tab
/// has shows the output stored from the native run, labelled as such, instead of running when the page runs all cells.</summary>
/// <remarks>
/// A lecture author tags the cell in its nbformat metadata (<c>"metadata": {"tags": ["native-output"]}</c>). Natively the
/// tag changes nothing: <c>course run</c>, <c>course test</c>, Jupyter and static pages run and show the cell as always.
/// On a live page (<c>course render --live</c>) the cell carries <c>data-native-output</c> and its stored outputs sit
/// under a label saying they come from the native run and how long the cell took there (from the run's
/// <see cref="ExecutionTiming"/>); a page rendered from notebooks that were not executed says that the output is not
/// stored. <c>live.js</c> then skips the cell in "Run all" (status <c>NativeOutput</c>, the stored output stays), as it
/// does for a cell that needs a local kernel, and the cell's own Run button still runs it in the browser on demand. Later
/// cells must not need its variables: the tag is for a cell whose result is shown, not used.
/// </remarks>
internal static class NativeOutput
{
    /// <summary>The tag, as it appears in a cell's <c>metadata.tags</c>.</summary>
    public const string Tag = "native-output";

    /// <summary>Whether the cell is a code cell tagged <see cref="Tag"/>.</summary>
    public static bool IsTagged(NotebookCell cell) =>
        cell.Kind == CellKind.Code && cell.Metadata["tags"] is JsonArray tags
        && tags.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == Tag);

    /// <summary>The label a live page shows above the cell's stored outputs (or in their place when none are stored), as HTML.</summary>
    public static string LabelHtml(NotebookCell cell)
    {
        if (cell.Outputs.Count == 0 && cell.ExecutionCount is null)
            return "<div class=\"output native-run-label\">The native run's output is not stored in this site (it was rendered from "
                + "notebooks that were not executed; <code>course render --execute --live …</code> stores it). This cell, or one it needs, takes more "
                + "compute than a browser tab has, so <em>Run all</em> skips it here; its Run button runs it in the browser anyway.</div>";
        var took = ExecutionTiming.Duration(cell) is { } d ? $", where this cell took {WebUtility.HtmlEncode(Describe(d))}" : "";
        return "<div class=\"output native-run-label\">Output from the native run" + took + ". This cell, or one it needs, takes more compute "
            + "than a browser tab has, so <em>Run all</em> shows this stored output instead of running it here; its Run button runs it in the browser anyway.</div>";
    }

    /// <summary>A duration as the label says it: seconds below two minutes, else minutes with one decimal.</summary>
    public static string Describe(TimeSpan duration) =>
        duration.TotalSeconds < 120
            ? $"{Math.Max(1, Math.Round(duration.TotalSeconds)):0} s"
            : $"{duration.TotalMinutes.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} minutes";
}
