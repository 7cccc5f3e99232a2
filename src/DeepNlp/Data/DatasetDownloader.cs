using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace DeepNlp.Data;

/// <summary>Fetches the corpora of <see cref="DownloadManifest"/> into a cache folder: resumable, checked, renamed into place atomically.</summary>
/// <remarks>
/// Bytes go to <c>FILE.part</c> in the cache folder. A broken download keeps the part file, and the next call asks
/// the server for the rest with an HTTP <c>Range</c> header (a server that ignores it sends the whole file, which
/// then replaces the part). When the size is complete, the file is hashed; only a file whose size, sha256 (and MD5,
/// when the manifest has one) match is renamed to its final name, so a file under the final name is always a
/// verified one. A file that fails the check is deleted. Progress is reported synchronously on the calling thread.
/// </remarks>
public sealed class DatasetDownloader
{
    /// <summary>Environment variable naming the cache folder; overrides the default.</summary>
    public const string CacheEnvironmentVariable = "DEEPNLP_CACHE";

    private const int BufferSize = 1 << 16;
    private readonly HttpClient _http;

    /// <summary>Creates a downloader.</summary>
    /// <param name="cacheDirectory">Where files go; default <see cref="DefaultCacheDirectory"/>. Created when missing.</param>
    /// <param name="http">HTTP client to use (tests pass one; the default waits up to 100 s for the response headers).</param>
    public DatasetDownloader(string? cacheDirectory = null, HttpClient? http = null)
    {
        CacheDirectory = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory());
        _http = http ?? SharedClient.Value;
    }

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient());

    /// <summary>The cache folder.</summary>
    public string CacheDirectory { get; }

    /// <summary><c>DEEPNLP_CACHE</c> if set, else <c>$XDG_CACHE_HOME/deepnlp</c>, else <c>~/.cache/deepnlp</c> (Windows: LocalApplicationData\deepnlp).</summary>
    public static string DefaultCacheDirectory()
    {
        var env = Environment.GetEnvironmentVariable(CacheEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return env;
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "deepnlp");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(home, ".cache") : xdg, "deepnlp");
    }

    /// <summary>Where <paramref name="entry"/> lives once downloaded.</summary>
    public string PathOf(DownloadEntry entry) => Path.Combine(CacheDirectory, entry.FileName);

    /// <summary>Whether <paramref name="entry"/> is in the cache under its final name (checked when it was downloaded).</summary>
    public bool IsDownloaded(DownloadEntry entry) => File.Exists(PathOf(entry));

    /// <summary>Downloads <paramref name="entry"/> unless a verified copy is already cached, resuming a partial download.</summary>
    /// <param name="entry">What to fetch.</param>
    /// <param name="progress">Receives progress while bytes arrive, during verification and at the end.</param>
    /// <param name="cancellationToken">Stops the download; the part file is kept for a later resume.</param>
    /// <returns>Full path of the verified file.</returns>
    /// <exception cref="DownloadException">HTTP error, broken connection (run again to resume), wrong size or checksum.</exception>
    public string Download(DownloadEntry entry, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(CacheDirectory);
        var final = PathOf(entry);
        if (File.Exists(final))
        {
            try
            {
                Verify(entry, final, progress);
                progress?.Report(new DownloadProgress(entry.Name, entry.Bytes, entry.Bytes, DownloadStage.Done));
                return final;
            }
            catch (DownloadException)
            {
                // A cached copy that no longer matches is fetched again rather than trusted.
                File.Delete(final);
                File.Delete(final + ".sha256");
            }
        }
        var part = final + ".part";
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (have > entry.Bytes)
        {
            File.Delete(part);
            have = 0;
        }
        if (have < entry.Bytes) Fetch(entry, part, have, progress, cancellationToken);

        try
        {
            var actualSha = Verify(entry, part, progress);
            File.Move(part, final, overwrite: true);
            AtomicFile.WriteAllText(final + ".sha256", $"{actualSha}  {entry.FileName}\n");
        }
        catch (DownloadException)
        {
            // A complete file with the wrong content cannot be repaired by resuming; start over next time.
            File.Delete(part);
            throw;
        }
        progress?.Report(new DownloadProgress(entry.Name, entry.Bytes, entry.Bytes, DownloadStage.Done));
        return final;
    }

    /// <summary>Checks a cached file against the manifest (or, for an unpinned entry, against the sha256 recorded at download).</summary>
    /// <returns>Full path of the verified file.</returns>
    /// <exception cref="FileNotFoundException">The entry has not been downloaded.</exception>
    /// <exception cref="DownloadException">The size or a checksum differs.</exception>
    public string Verify(DownloadEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var final = PathOf(entry);
        if (!File.Exists(final))
            throw new FileNotFoundException($"'{entry.Name}' has not been downloaded to {CacheDirectory}; run `course data download {entry.Name}`.", final);
        Verify(entry, final, null);
        return final;
    }

    private void Fetch(DownloadEntry entry, string part, long have, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, entry.Url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException($"Downloading '{entry.Name}' from {entry.Url} failed: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // The server has nothing past what we hold: the part file is stale; start over next time.
                File.Delete(part);
                throw new DownloadException($"Downloading '{entry.Name}' from {entry.Url}: the server rejected resuming at byte {have:N0} (HTTP 416). The partial file was removed; run again to start over.");
            }
            if (!response.IsSuccessStatusCode)
                throw new DownloadException(
                    $"Downloading '{entry.Name}' from {entry.Url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}." +
                    (have > 0 ? $" The {have:N0} bytes already fetched are kept in {part}; run again to resume." : ""));
            bool append = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            if (!append) have = 0;

            using var body = response.Content.ReadAsStream(ct);
            using var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
            var buffer = new byte[BufferSize];
            long lastReport = -1;
            try
            {
                int n;
                while ((n = body.Read(buffer, 0, buffer.Length)) > 0)
                {
                    ct.ThrowIfCancellationRequested();
                    if (have + n > entry.Bytes)
                        throw new DownloadException($"Downloading '{entry.Name}' from {entry.Url}: the server sent more than the expected {entry.Bytes:N0} bytes; the manifest or the server copy has changed.");
                    file.Write(buffer, 0, n);
                    have += n;
                    if (progress is not null && (have - lastReport >= 1 << 20 || have == entry.Bytes))
                    {
                        lastReport = have;
                        progress.Report(new DownloadProgress(entry.Name, have, entry.Bytes, DownloadStage.Downloading));
                    }
                }
            }
            catch (Exception e) when (e is IOException and not DownloadException || e is HttpRequestException)
            {
                throw new DownloadException(
                    $"Downloading '{entry.Name}' from {entry.Url} broke off after {have:N0} of {entry.Bytes:N0} bytes ({e.Message}). " +
                    $"The partial file {part} is kept; run again to resume.", e);
            }
            if (have < entry.Bytes)
                throw new DownloadException(
                    $"Downloading '{entry.Name}' from {entry.Url} ended after {have:N0} of {entry.Bytes:N0} bytes. The partial file {part} is kept; run again to resume.");
        }
    }

    private static string Verify(DownloadEntry entry, string path, IProgress<DownloadProgress>? progress)
    {
        long size = new FileInfo(path).Length;
        if (size != entry.Bytes)
            throw new DownloadException($"'{entry.Name}': {path} has {size:N0} bytes, expected {entry.Bytes:N0}.");
        progress?.Report(new DownloadProgress(entry.Name, size, entry.Bytes, DownloadStage.Verifying));
        string sha, md5;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan))
        using (var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        using (var md5Hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
        {
            var buffer = new byte[BufferSize];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                sha256.AppendData(buffer, 0, n);
                md5Hash.AppendData(buffer, 0, n);
            }
            sha = Convert.ToHexStringLower(sha256.GetHashAndReset());
            md5 = Convert.ToHexStringLower(md5Hash.GetHashAndReset());
        }
        var expectedSha = entry.Sha256 ?? RecordedSha256(path);
        if (expectedSha is not null && !string.Equals(sha, expectedSha, StringComparison.OrdinalIgnoreCase))
            throw new DownloadException($"Checksum mismatch for '{entry.Name}' ({path}): expected sha256 {expectedSha}, actual {sha}. The file was not kept; run again to download it afresh.");
        if (entry.Md5 is not null && !string.Equals(md5, entry.Md5, StringComparison.OrdinalIgnoreCase))
            throw new DownloadException($"Checksum mismatch for '{entry.Name}' ({path}): expected MD5 {entry.Md5}, actual {md5}. The file was not kept; run again to download it afresh.");
        return sha;
    }

    private static string? RecordedSha256(string path)
    {
        // Only a final file has a record; a .part file of an unpinned entry is checked by size (and MD5) alone.
        var record = path + ".sha256";
        if (path.EndsWith(".part", StringComparison.Ordinal) || !File.Exists(record)) return null;
        var text = File.ReadAllText(record).Trim();
        int space = text.IndexOf(' ');
        return space > 0 ? text[..space] : text;
    }
}
