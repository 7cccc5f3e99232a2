using System.CommandLine;
using Course.Cli;
using DeepNlp.Data;

namespace Course.Cli.Tests;

public sealed class DataCommandsTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("deepnlp-cli-data-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private (int Exit, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { DataCommands.Create(output, error, null) };

        int exit = root.Parse(args).Invoke();

        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Verify_ShippedDatasets_AllMatch()
    {
        var (exit, output, _) = Invoke("data", "verify", "--cache", _temp);

        Assert.Equal(0, exit);
        Assert.Contains("OK: ", output);
    }

    [Fact]
    public void Verify_CorruptedCopy_FailsNamingTheFile()
    {
        var source = Path.Combine(Datasets.Root, "tinyshakespeare", "input.txt");
        var dir = Directory.CreateDirectory(Path.Combine(_temp, "datasets", "tinyshakespeare")).FullName;
        var bytes = File.ReadAllBytes(source);
        bytes[0] ^= 1;
        File.WriteAllBytes(Path.Combine(dir, "input.txt"), bytes);

        var (exit, _, error) = Invoke("data", "verify", "--root", Path.Combine(_temp, "datasets"), "--cache", _temp);

        Assert.Equal(1, exit);
        Assert.Contains("FAIL tinyshakespeare/input.txt: Checksum mismatch", error);
        Assert.Contains("FAIL google-analogy/questions-words.txt", error);
    }

    [Fact]
    public void Download_UnknownName_ExitsWithOneListingKnownNames()
    {
        var (exit, _, error) = Invoke("data", "download", "nonesuch", "--cache", _temp);

        Assert.Equal(1, exit);
        Assert.Contains("text8", error);
    }

    [Fact]
    public void List_ShowsShippedAndDownloadable()
    {
        var (exit, output, _) = Invoke("data", "list", "--cache", _temp);

        Assert.Equal(0, exit);
        Assert.Contains("tinyshakespeare", output);
        Assert.Contains("glove-6B ", output);
        Assert.Contains("not downloaded", output);
    }
}
