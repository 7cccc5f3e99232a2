using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using DeepNlp.Kernel.Spec;

namespace DeepNlp.Kernel.Tests.Spec;

public sealed class KernelSpecTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("deepnlp-spec-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Create_ArgvRunsCourseDllKernelStartWithTheConnectionFilePlaceholder()
    {
        var spec = KernelSpec.Create("/opt/kit/artifacts/bin/course.dll", "/usr/bin/dotnet");

        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>());

        Assert.Equal(["/usr/bin/dotnet", "/opt/kit/artifacts/bin/course.dll", "kernel", "start", "--connection-file", "{connection_file}"], argv);
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
    }

    [Fact]
    public void Install_WritesKernelJsonAndLogos_AndReinstallReplacesThem()
    {
        KernelSpec.Install(temp, "deepnlp-csharp", KernelSpec.Create("/old/course.dll", "dotnet"));

        var folder = KernelSpec.Install(temp, "deepnlp-csharp", KernelSpec.Create("/new/course.dll", "dotnet"));

        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal("/new/course.dll", spec["argv"]![1]!.GetValue<string>());
        Assert.Equal(["kernel.json", "logo-32x32.png", "logo-64x64.png"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("with space")]
    public void Install_NameJupyterWouldReject_IsRefusedByName(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => KernelSpec.Install(temp, name, KernelSpec.Create("c.dll", "dotnet")));

        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void Uninstall_NotInstalled_ReturnsNull()
    {
        var removed = KernelSpec.Uninstall(temp, "deepnlp-csharp");

        Assert.Null(removed);
    }

    [Fact]
    public void PrefixKernelsDirectory_IsShareJupyterKernelsUnderThePrefix()
    {
        var folder = KernelSpec.PrefixKernelsDirectory("/opt/conda/envs/course");

        Assert.Equal(Path.Combine("/opt/conda/envs/course", "share", "jupyter", "kernels"), folder);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Logo_IsAnRgbaPngOfTheRequestedSize(int size)
    {
        var png = KernelLogo.Png(size);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(6, png[25]);
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(size * (1 + 4 * size), raw.Length);
    }
}
