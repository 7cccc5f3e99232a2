using System.CommandLine;
using DeepNlp.Data;

namespace Course.Cli;

/// <summary>The <c>course data</c> commands: list the data sets, verify their checksums, download the optional larger corpora.</summary>
/// <remarks>
/// <c>course data list</c> shows the shipped data sets and the downloadable corpora with their state;
/// <c>course data verify</c> checks every shipped file against the sha256 in its README (and every downloaded
/// corpus against its manifest) and exits with 1 when one fails; <c>course data download NAME</c> fetches a corpus
/// of <see cref="DownloadManifest"/> into the cache, resuming a broken download.
/// </remarks>
public static class DataCommands
{
    /// <summary>The <c>data</c> command with its subcommands, writing to the console.</summary>
    public static Command Create() => Create(Console.Out, Console.Error, null);

    /// <summary>The <c>data</c> command writing to the given writers (for tests).</summary>
    /// <param name="output">Normal output.</param>
    /// <param name="error">Errors and progress.</param>
    /// <param name="catalog">Data sets to use; null finds them as <see cref="Datasets"/> does (or from <c>--root</c>).</param>
    public static Command Create(TextWriter output, TextWriter error, DatasetCatalog? catalog)
    {
        var root = new Option<string?>("--root") { Description = "The datasets folder (default: DEEPNLP_DATASETS, else the nearest datasets/ above the working directory)." };
        var cache = new Option<string?>("--cache") { Description = "Download cache folder (default: DEEPNLP_CACHE, else ~/.cache/deepnlp)." };

        var list = new Command("list", "List the shipped data sets and the corpora that can be downloaded.");
        list.Options.Add(root);
        list.Options.Add(cache);
        list.SetAction(r => Run(error, () => List(output, Catalog(r.GetValue(root)), new DatasetDownloader(r.GetValue(cache)))));

        var verify = new Command("verify", "Check every shipped data-set file (and every downloaded corpus) against its sha256.");
        verify.Options.Add(root);
        verify.Options.Add(cache);
        verify.SetAction(r => Run(error, () => Verify(output, error, Catalog(r.GetValue(root)), new DatasetDownloader(r.GetValue(cache)))));

        var name = new Argument<string>("name") { Description = $"What to download: {string.Join(", ", DownloadManifest.Entries.Select(e => e.Name))}." };
        var download = new Command("download", "Download a larger corpus into the cache (resumable, checksum-verified).");
        download.Arguments.Add(name);
        download.Options.Add(cache);
        download.SetAction(r => Run(error, () => Download(output, error, DownloadManifest.Get(r.GetValue(name)!), new DatasetDownloader(r.GetValue(cache)))));

        var data = new Command("data", "Shipped data sets and optional downloads.");
        data.Subcommands.Add(list);
        data.Subcommands.Add(verify);
        data.Subcommands.Add(download);
        return data;

        DatasetCatalog Catalog(string? path) => path is not null ? new DatasetCatalog(path) : catalog ?? DatasetCatalog.Discover();
    }

    private static int Run(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is IOException or KeyNotFoundException or UnauthorizedAccessException)
        {
            error.WriteLine($"course data: {e.Message}");
            return 1;
        }
    }

    private static int List(TextWriter output, DatasetCatalog catalog, DatasetDownloader downloader)
    {
        output.WriteLine($"Shipped data sets in {catalog.Root}:");
        foreach (var d in catalog.All.DistinctBy(d => d.Folder))
        {
            long bytes = d.Files.Sum(f => f.Bytes);
            bool present = d.Files.All(f => File.Exists(d.PathOf(f.Name)));
            output.WriteLine($"  {d.Folder,-24} {d.Files.Count,2} files {bytes / 1_048_576.0,7:F1} MiB  {(present ? "present" : "MISSING")}");
        }
        output.WriteLine($"Downloadable corpora (cache {downloader.CacheDirectory}):");
        foreach (var e in DownloadManifest.Entries)
            output.WriteLine($"  {e.Name,-24} {e.Bytes / 1_048_576.0,7:F1} MiB  {(downloader.IsDownloaded(e) ? "downloaded" : "not downloaded")}  {e.Description}");
        return 0;
    }

    private static int Verify(TextWriter output, TextWriter error, DatasetCatalog catalog, DatasetDownloader downloader)
    {
        int failures = 0, files = 0;
        foreach (var d in catalog.All)
        {
            foreach (var f in d.Files)
            {
                try
                {
                    d.VerifiedPath(f.Name);
                    files++;
                }
                catch (Exception e) when (e is DatasetChecksumException or DatasetNotFoundException)
                {
                    failures++;
                    error.WriteLine($"FAIL {d.Folder}/{f.Name}: {e.Message}");
                }
            }
        }
        foreach (var entry in DownloadManifest.Entries.Where(downloader.IsDownloaded))
        {
            try
            {
                downloader.Verify(entry);
                files++;
            }
            catch (DownloadException e)
            {
                failures++;
                error.WriteLine($"FAIL {entry.Name}: {e.Message}");
            }
        }
        output.WriteLine(failures == 0 ? $"OK: {files} files match their sha256." : $"{failures} file(s) failed, {files} OK.");
        return failures == 0 ? 0 : 1;
    }

    private static int Download(TextWriter output, TextWriter error, DownloadEntry entry, DatasetDownloader downloader)
    {
        int lastPercent = -1;
        var progress = new ConsoleProgress(p =>
        {
            int percent = (int)(p.Fraction * 100);
            if (p.Stage == DownloadStage.Downloading && percent == lastPercent) return;
            lastPercent = percent;
            error.WriteLine(p.ToString());
        });
        var path = downloader.Download(entry, progress);
        output.WriteLine(path);
        return 0;
    }

    private sealed class ConsoleProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
