using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Display;
using DeepNlp.Engine.Notebooks;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Course.Cli.Rendering;

/// <summary>Renders one executed notebook as a standalone HTML page: Markdown with math, code, and outputs.</summary>
/// <remarks>
/// Charts are drawn from their <c>application/vnd.plotly.v1+json</c> data with plotly.js inlined once per page (only on
/// pages that have charts, through <see cref="PlotlyScript.Inline"/> so a page stays right if it ever gains require.js),
/// so pages work with the network off. Math is left as TeX inside <c>\( \)</c> and <c>\[ \]</c>
/// delimiters (Markdig's math extension) and typeset by the MathJax copy the site carries. A Markdown image with a
/// relative path (the lectures' <c>![…](figures/lstm_cell.svg)</c>) that names a file under the notebook's source folder
/// is inlined as a <c>data:</c> URI, so the page needs no file beside it, whichever folder the executed copy came from.
/// On a live page a cell tagged <c>native-output</c> keeps its stored outputs under a label (<see cref="NativeOutput"/>).
/// </remarks>
internal sealed class NotebookHtml(string plotlyJs, string? mathJaxHref, string? liveHref = null)
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseMathematics().Build();

    /// <param name="assetDir">The folder relative image paths resolve against: the source notebook's folder.</param>
    public string Render(Notebook notebook, string title, string indexHref, string? assetDir = null)
    {
        var body = new StringBuilder();
        var charts = 0;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    body.Append("<div class=\"cell markdown\">").Append(MarkdownHtml(cell.Source, assetDir)).Append("</div>\n");
                    break;
                case CellKind.Code:
                    // Live: a cell tagged native-output is marked for live.js, which skips it in Run all (NativeOutput.cs).
                    var nativeOutput = liveHref is not null && NativeOutput.IsTagged(cell);
                    body.Append(nativeOutput ? "<div class=\"cell code\" data-native-output=\"1\">" : "<div class=\"cell code\">").Append("<div class=\"prompt\">In [").Append(cell.ExecutionCount?.ToString() ?? " ").Append("]:</div>");
                    if (liveHref is null)
                        body.Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>");
                    else
                        // Live: the source is editable and runs in the page's engine (live/live.js); outputs of a run replace the stored ones.
                        body.Append("<textarea class=\"source\" spellcheck=\"false\" rows=\"").Append(Math.Min(40, cell.Source.Count(c => c == '\n') + 1))
                            .Append("\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</textarea><button class=\"run\">Run</button>");
                    if (liveHref is not null) body.Append("<div class=\"outputs\">");
                    if (nativeOutput) body.Append(NativeOutput.LabelHtml(cell));
                    foreach (var output in cell.Outputs) charts += RenderOutput(body, output.ToJson());
                    if (liveHref is not null) body.Append("</div>");
                    body.Append("</div>\n");
                    break;
                default:
                    body.Append("<pre class=\"cell raw\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre>\n");
                    break;
            }
        }
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        page.Append("<style>").Append(Style).Append("</style>\n");
        if (liveHref is not null) page.Append(LiveBoot(liveHref));
        if (mathJaxHref is not null)
            page.Append("<script>window.MathJax={tex:{inlineMath:[['\\\\(','\\\\)']]}};</script><script src=\"").Append(mathJaxHref).Append("\" async></script>\n");
        // A live page may draw charts whatever its stored outputs hold.
        if (charts > 0 || liveHref is not null) page.Append(PlotlyScript.Inline(plotlyJs));
        page.Append("</head><body><nav><a href=\"").Append(indexHref).Append("\">&larr; all lectures</a>");
        if (liveHref is not null)
            page.Append(" <span class=\"live\"><button id=\"run-all\">Run all</button> <button id=\"interrupt\">Interrupt</button> ")
                .Append("<span id=\"engine-status\">engine: not started</span></span>");
        page.Append("</nav><main>\n");
        if (liveHref is not null && NeedsLocalKernel(notebook))
            // The setup cell itself imports ILGPU (lecture 09): no cell of this lecture can run in the browser.
            page.Append("<div class=\"needs-local-kernel\"><strong>This lecture needs a local kernel.</strong> It runs GPU kernels with ILGPU, ")
                .Append("which cannot run in the browser (single-threaded WebAssembly, no GPU): its cells print that instead of running here. ")
                .Append("The outputs on this page, where there are any, are from the native run. Run the notebook in Jupyter or with ")
                .Append("<code>course run</code> on your own machine.</div>\n");
        page.Append(body).Append("</main>");
        if (liveHref is not null)
            page.Append("<script>window.deepnlpLive=\"").Append(liveHref).Append("\";</script><script src=\"").Append(liveHref).Append("live.js\"></script>");
        page.Append("</body></html>\n");
        return page.ToString();
    }

    /// <summary>The first script of a live page: starts the engine's worker before the page parses anything else.</summary>
    /// <remarks>Why: the page inlines plotly.js (3.5 MB) in its head and lists every cell after it, and <c>live.js</c> comes
    /// last; started from there, the worker (which downloads the .NET runtime, Roslyn and the kit, then compiles the warm-up
    /// submission) would wait for all of that on the main thread. Started here, it boots on its own thread meanwhile.
    /// Its messages are kept until <c>live.js</c> takes the worker over (<c>window.deepnlpLiveBoot</c>).</remarks>
    private static string LiveBoot(string liveHref)
    {
        var href = System.Text.Json.JsonSerializer.Serialize(liveHref);
        return "<script>(function(){var b={t0:performance.now(),messages:[]};try{b.worker=new Worker(" + href
            + "+\"worker.js\",{type:\"module\"});b.worker.onmessage=function(m){b.messages.push(m.data);};b.worker.onerror=function(e){b.error=e.message||String(e);};window.deepnlpLiveBoot=b;}catch(e){}})();</script>\n";
    }

    /// <summary>Whether the notebook's first code cell imports ILGPU, so that every cell after it needs a local kernel.</summary>
    internal static bool NeedsLocalKernel(Notebook notebook) =>
        notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Code) is { } setup
        && setup.Source.Split('\n').Any(line => line.TrimStart().StartsWith("using ILGPU", StringComparison.Ordinal));

    private static string MarkdownHtml(string source, string? assetDir)
    {
        var document = Markdig.Markdown.Parse(source, Markdown);
        if (assetDir is not null)
            foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage))
                if (InlinedImage(image.Url, assetDir) is { } dataUri) image.Url = dataUri;
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Markdown.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>A <c>data:</c> URI for a relative image path that names an existing file under <paramref name="assetDir"/>; else null.</summary>
    private static string? InlinedImage(string? url, string assetDir)
    {
        if (string.IsNullOrEmpty(url) || url.Contains(':') || url.StartsWith('/') || url.StartsWith('#')) return null;
        var path = Uri.UnescapeDataString(url.Split('?', '#')[0]);
        var mime = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            _ => null,
        };
        var root = Path.GetFullPath(assetDir);
        if (!Path.EndsInDirectorySeparator(root)) root += Path.DirectorySeparatorChar;
        var file = Path.GetFullPath(Path.Combine(root, path));
        if (mime is null || !file.StartsWith(root, StringComparison.Ordinal) || !File.Exists(file)) return null;
        return $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(file))}";
    }

    /// <summary>Appends one output; returns 1 when it drew a chart.</summary>
    private static int RenderOutput(StringBuilder html, JsonObject output)
    {
        var type = output["output_type"]?.GetValue<string>();
        switch (type)
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() ?? "stdout";
                html.Append("<pre class=\"output ").Append(name).Append("\">").Append(WebUtility.HtmlEncode(Multiline(output["text"]))).Append("</pre>");
                return 0;
            case "error":
                var trace = (output["traceback"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "") ?? [];
                html.Append("<pre class=\"output error\">").Append(WebUtility.HtmlEncode(string.Join('\n', trace))).Append("</pre>");
                return 0;
            case "display_data" or "execute_result":
                return RenderData(html, output["data"] as JsonObject ?? new JsonObject());
            default:
                return 0;
        }
    }

    private static int RenderData(StringBuilder html, JsonObject data)
    {
        if (data["application/vnd.plotly.v1+json"] is JsonObject figure)
        {
            var id = "chart-" + Guid.NewGuid().ToString("N")[..12];
            html.Append("<div class=\"output chart\" id=\"").Append(id).Append("\"></div><script>(function(){var fig=")
                .Append(figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal))
                .Append(";Plotly.newPlot('").Append(id).Append("',fig.data,fig.layout||{},{responsive:true});})();</script>");
            return 1;
        }
        if (data["text/html"] is { } markup)
        {
            html.Append("<div class=\"output html\">").Append(Multiline(markup)).Append("</div>");
            return 0;
        }
        if (data["image/png"] is { } png)
        {
            html.Append("<div class=\"output image\"><img src=\"data:image/png;base64,").Append(Multiline(png).Replace("\n", "", StringComparison.Ordinal)).Append("\"></div>");
            return 0;
        }
        if (data["image/svg+xml"] is { } svg)
        {
            html.Append("<div class=\"output image\">").Append(Multiline(svg)).Append("</div>");
            return 0;
        }
        html.Append("<pre class=\"output text\">").Append(WebUtility.HtmlEncode(Multiline(data["text/plain"]))).Append("</pre>");
        return 0;
    }

    private static string Multiline(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(n => n?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#fafafa;color:#222}
        nav{padding:.6em 2em;background:#24292f}nav a{color:#fff;text-decoration:none}
        main{max-width:60em;margin:0 auto;padding:1em 2em 4em}
        .cell{margin:1em 0}.prompt{color:#307fc1;font:12px monospace;margin-bottom:2px}
        pre{margin:0;padding:.6em .8em;overflow-x:auto;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
        pre.source{background:#f0f3f6;border:1px solid #d0d7de;border-radius:4px}
        .output{margin-top:.3em}pre.stderr{background:#fff5f5}pre.error{background:#ffecec;color:#a00}
        .output.html table{border-collapse:collapse;font-size:13px}.output.html td,.output.html th{border:1px solid #ddd;padding:2px 8px}
        .chart{min-height:420px}
        .cell.markdown img{max-width:100%;height:auto}
        textarea.source{width:100%;box-sizing:border-box;background:#f0f3f6;border:1px solid #d0d7de;border-radius:4px;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;padding:.6em .8em}
        nav .live{float:right;color:#ddd;font-size:13px}.needs-local-kernel{background:#fff4e0;border:1px solid #e0b060;padding:.6em 1em;margin:1em 0}.output.native-run-label{color:#b60;font-style:italic;margin:.3em 0}.cell[data-native-output] .outputs{border-left:3px solid #e0b060;padding-left:.5em}button.run{margin-top:2px}
        """;
}
