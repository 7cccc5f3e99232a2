using System.Net;
using System.Text;
using DeepNlp.Engine.Notebooks;

namespace Course.Cli.Rendering;

/// <summary>Renders a folder of executed notebooks into a static site: one page each plus an index of lectures.</summary>
internal static class SiteRenderer
{
    /// <summary>Renders <paramref name="notebooks"/> (paths under <paramref name="baseDir"/>) into <paramref name="outDir"/>.</summary>
    /// <remarks>
    /// Math is typeset by the MathJax 3 build embedded in course.dll, or by <paramref name="mathJaxFile"/> when given.
    /// Relative Markdown images (<c>figures/*.svg</c>) are inlined into the pages, read from <paramref name="assetDirOf"/>
    /// of each notebook (by default its own folder; for executed copies, the folder of the notebook they were run from).
    /// </remarks>
    /// <returns>The pages written, relative to <paramref name="outDir"/>.</returns>
    /// <param name="liveHost">The published browser host (src/DeepNlp.Browser's publish folder, wwwroot); when given, the
    /// site is live: it is copied to <c>live/</c>, every code cell becomes editable with a Run button, and the data-set files
    /// the lectures use are copied to <c>data/</c> for the worker to fetch on first use (<see cref="LiveData"/>).</param>
    public static IReadOnlyList<string> Render(
        IReadOnlyList<string> notebooks, string baseDir, string outDir, string plotlyJs, string? mathJaxFile = null, Func<string, string>? assetDirOf = null,
        string? liveHost = null)
    {
        Directory.CreateDirectory(outDir);
        const string mathJaxName = "mathjax.js";
        if (mathJaxFile is not null) File.Copy(mathJaxFile, Path.Combine(outDir, mathJaxName), overwrite: true);
        else
        {
            using var embedded = typeof(SiteRenderer).Assembly.GetManifestResourceStream("MathJax.tex-svg-full.js")!;
            using var target = File.Create(Path.Combine(outDir, mathJaxName));
            embedded.CopyTo(target);
        }
        if (liveHost is not null) CopyLiveHost(liveHost, Path.Combine(outDir, "live"));
        var catalog = liveHost is null ? null : LiveData.Find(baseDir);
        var datasets = new List<DeepNlp.Data.Dataset>();
        var entries = new List<(string Href, string Title, string Source)>();
        foreach (var path in notebooks)
        {
            var notebook = Notebook.Load(path);
            if (liveHost is not null && Uses(notebook))
            {
                if (catalog is null)
                    throw new DirectoryNotFoundException($"{path} uses Datasets.* and the live site carries the data sets it uses, but no datasets/ "
                        + $"folder was found above {baseDir} or the current folder; run from the kit's clone or set {DeepNlp.Data.DatasetCatalog.EnvironmentVariable}.");
                datasets.AddRange(LiveData.Used(notebook, catalog));
            }
            var relative = Path.GetRelativePath(baseDir, path);
            if (relative.StartsWith("..", StringComparison.Ordinal)) relative = Path.GetFileName(path);
            var href = Path.ChangeExtension(relative, ".html").Replace('\\', '/');
            var depth = href.Count(c => c == '/');
            var up = string.Concat(Enumerable.Repeat("../", depth));
            var title = Title(notebook, Path.GetFileNameWithoutExtension(path));
            var html = new NotebookHtml(plotlyJs, up + mathJaxName, liveHost is null ? null : up + "live/").Render(notebook, title, up + "index.html",
                assetDirOf?.Invoke(path) ?? Path.GetDirectoryName(Path.GetFullPath(path)));
            WriteAtomically(Path.Combine(outDir, href), html);
            entries.Add((href, title, relative));
        }
        if (catalog is not null) LiveData.Write(datasets, catalog, outDir);
        var index = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lectures</title>");
        index.Append("<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto}li{margin:.4em 0}small{color:#777}</style></head><body>");
        index.Append("<h1>Deep NLP with C#: lectures and labs</h1><ul>");
        foreach (var (href, title, source) in entries)
            index.Append("<li><a href=\"").Append(href).Append("\">").Append(WebUtility.HtmlEncode(title)).Append("</a> <small>")
                .Append(WebUtility.HtmlEncode(source)).Append("</small></li>");
        index.Append("</ul></body></html>\n");
        WriteAtomically(Path.Combine(outDir, "index.html"), index.ToString());
        return [.. entries.Select(e => e.Href), "index.html"];
    }

    /// <summary>Copies the published browser host (its <c>_framework</c>, <c>worker.js</c>, <c>live.js</c>, <c>lib/</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">It is not a published host.</exception>
    private static void CopyLiveHost(string host, string target)
    {
        if (!File.Exists(Path.Combine(host, "worker.js")) || !Directory.Exists(Path.Combine(host, "_framework")))
            throw new DirectoryNotFoundException($"{host} is not a published browser host (no worker.js and _framework/ there); "
                + "publish it with: dotnet publish src/DeepNlp.Browser -c Release -o DIR, and pass DIR/wwwroot");
        foreach (var file in Directory.EnumerateFiles(host, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(host, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }

    private static bool Uses(Notebook notebook) =>
        notebook.Cells.Any(c => c.Kind == CellKind.Code && c.Source.Contains("Datasets.", StringComparison.Ordinal));

    /// <summary>The first Markdown heading of the notebook, else its file name.</summary>
    private static string Title(Notebook notebook, string fallback)
    {
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Markdown))
            foreach (var line in cell.Source.Split('\n'))
                if (line.StartsWith('#')) return line.TrimStart('#').Trim();
        return fallback;
    }

    private static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(tmp, content, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }
}
