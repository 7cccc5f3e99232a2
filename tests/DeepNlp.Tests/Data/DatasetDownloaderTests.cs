using System.Security.Cryptography;
using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public sealed class DatasetDownloaderTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("deepnlp-download-").FullName;
    private readonly byte[] _content;
    private readonly LocalHttpServer _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public DatasetDownloaderTests()
    {
        _content = new byte[300_000];
        new Random(11).NextBytes(_content);
        _server = new LocalHttpServer(_content);
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    private DownloadEntry Entry(string? sha256 = null, string? md5 = null, bool pin = true) =>
        new("corpus", _server.Url, "corpus.bin", _content.Length,
            pin ? sha256 ?? Convert.ToHexStringLower(SHA256.HashData(_content)) : null, md5, "test corpus", "test");

    private DatasetDownloader Downloader() => new(_cache, _http);

    private sealed class Recorder : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];
        public void Report(DownloadProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Download_Good_PutsVerifiedFileUnderFinalName_AndReportsProgress()
    {
        var progress = new Recorder();

        var path = Downloader().Download(Entry(), progress);

        Assert.Equal(Path.Combine(_cache, "corpus.bin"), path);
        Assert.Equal(_content, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".part"));
        Assert.Equal(DownloadStage.Done, progress.Reports[^1].Stage);
        Assert.Equal(_content.Length, progress.Reports.Last(r => r.Stage == DownloadStage.Downloading).BytesDone);
        Assert.Equal([null], _server.Ranges);
    }

    [Fact]
    public void Download_AlreadyCached_MakesNoRequest()
    {
        var downloader = Downloader();
        downloader.Download(Entry());

        var path = downloader.Download(Entry());

        Assert.Single(_server.Ranges);
        Assert.Equal(_content, File.ReadAllBytes(path));
    }

    [Fact]
    public void Download_AfterTruncatedTransfer_ResumesWithRangeFromThePartFile()
    {
        _server.CutAfter = 100_000;
        var downloader = Downloader();
        var first = Assert.Throws<DownloadException>(() => downloader.Download(Entry()));
        long kept = new FileInfo(Path.Combine(_cache, "corpus.bin.part")).Length;

        var path = downloader.Download(Entry());

        Assert.Contains("run again to resume", first.Message);
        Assert.False(File.Exists(path + ".part"));
        Assert.InRange(kept, 1, _content.Length - 1);
        Assert.Equal($"bytes={kept}-", _server.Ranges[^1]);
        Assert.Equal(_content, File.ReadAllBytes(path));
    }

    [Fact]
    public void Download_ServerIgnoresRange_StartsOverAndStillSucceeds()
    {
        File.WriteAllBytes(Path.Combine(_cache, "corpus.bin.part"), _content.AsSpan(0, 5000).ToArray().Select(b => (byte)~b).ToArray());
        _server.IgnoreRange = true;

        var path = Downloader().Download(Entry());

        Assert.Equal("bytes=5000-", _server.Ranges[0]);
        Assert.Equal(_content, File.ReadAllBytes(path));
    }

    [Fact]
    public void Download_ServerError_ThrowsNamingStatusAndUrl_AndLeavesNoFinalFile()
    {
        _server.FailWith = 500;

        var e = Assert.Throws<DownloadException>(() => Downloader().Download(Entry()));

        Assert.Contains("HTTP 500", e.Message);
        Assert.Contains(_server.Url, e.Message);
        Assert.False(File.Exists(Path.Combine(_cache, "corpus.bin")));
    }

    [Fact]
    public void Download_ChecksumMismatch_ThrowsWithBothHashes_AndKeepsNoFile()
    {
        var wrong = new string('0', 64);
        var actual = Convert.ToHexStringLower(SHA256.HashData(_content));

        var e = Assert.Throws<DownloadException>(() => Downloader().Download(Entry(sha256: wrong)));

        Assert.Contains(wrong, e.Message);
        Assert.Contains(actual, e.Message);
        Assert.False(File.Exists(Path.Combine(_cache, "corpus.bin")));
        Assert.False(File.Exists(Path.Combine(_cache, "corpus.bin.part")));
    }

    [Fact]
    public void Download_Md5Mismatch_IsRejectedToo()
    {
        var e = Assert.Throws<DownloadException>(() => Downloader().Download(Entry(md5: new string('f', 32))));

        Assert.Contains("expected MD5", e.Message);
        Assert.False(File.Exists(Path.Combine(_cache, "corpus.bin")));
    }

    [Fact]
    public void Download_Unpinned_RecordsSha256_AndVerifyLaterDetectsTampering()
    {
        var downloader = Downloader();
        var entry = Entry(md5: Convert.ToHexStringLower(MD5.HashData(_content)), pin: false);
        var path = downloader.Download(entry);
        var record = File.ReadAllText(path + ".sha256");
        var bytes = File.ReadAllBytes(path);
        bytes[10] ^= 1;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DownloadException>(() => downloader.Verify(entry));

        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(_content)), record);
        Assert.Contains("Checksum mismatch", e.Message);
    }

    [Fact]
    public void Manifest_Get_UnknownName_ListsKnownNames()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => DownloadManifest.Get("wikitext-103"));

        Assert.Contains("text8", e.Message);
        Assert.Equal(DownloadManifest.GloVe6B, DownloadManifest.Get("GLOVE-6b"));
    }
}
