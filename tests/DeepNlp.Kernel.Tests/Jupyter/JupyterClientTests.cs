using System.Text.Json.Nodes;
using DeepNlp.Kernel.Spec;

namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary>The installed kernel driven by real Jupyter clients: jupyter_kernel_test's suite (python/test_kernel.py)
/// through jupyter_client, after <c>course kernel install --prefix</c> into a temporary folder.</summary>
[Collection(KernelProcesses.Name)]
public sealed class JupyterClientTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("deepnlp-jupyter-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    /// <summary>Environment that makes Jupyter see only the kernelspec installed under <paramref name="prefix"/>.</summary>
    internal static Dictionary<string, string> JupyterEnvironment(string temp, string prefix) => new()
    {
        ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter"),
        ["JUPYTER_DATA_DIR"] = Path.Combine(temp, "data"),
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(temp, "runtime"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(temp, "config"),
        ["JUPYTER_PLATFORM_DIRS"] = "1",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["DEEPNLP_KERNEL_NAME"] = KernelSpec.DefaultName,
    };

    internal static string InstallIntoPrefix(string temp)
    {
        var prefix = Path.Combine(temp, "prefix");
        var (code, output) = CourseCli.Course(temp, null, "kernel", "install", "--prefix", prefix);
        Assert.True(code == 0, output);
        return prefix;
    }

    [Fact]
    public void Install_WithPrefix_WritesKernelJsonThatStartsThisCourseDll()
    {
        var prefix = InstallIntoPrefix(temp);

        var folder = Path.Combine(prefix, "share", "jupyter", "kernels", KernelSpec.DefaultName);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(CourseCli.CourseDll, argv[1]);
        Assert.Equal(["kernel", "start", "--connection-file", "{connection_file}"], argv[2..]);
        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(argv[0]));
        Assert.Equal("C# (.NET 10, course kit)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(folder, "logo-64x64.png")));
    }

    [Fact]
    public void Uninstall_WithPrefix_RemovesTheKernelspecFolder()
    {
        var prefix = InstallIntoPrefix(temp);

        var (code, output) = CourseCli.Course(temp, null, "kernel", "uninstall", "--prefix", prefix);
        var (again, secondOutput) = CourseCli.Course(temp, null, "kernel", "uninstall", "--prefix", prefix);

        Assert.True(code == 0, output);
        Assert.False(Directory.Exists(Path.Combine(prefix, "share", "jupyter", "kernels", KernelSpec.DefaultName)));
        Assert.Equal(0, again);
        Assert.Contains("nothing removed", secondOutput);
    }

    [Fact]
    public void Install_UserAndPrefixTogether_IsRefused()
    {
        var (code, output) = CourseCli.Course(temp, null, "kernel", "install", "--user", "--prefix", temp);

        Assert.Equal(2, code);
        Assert.Contains("not both", output);
    }

    [JupyterFact]
    public void JupyterKernelSpecList_SeesTheInstalledKernel()
    {
        var prefix = InstallIntoPrefix(temp);

        var (code, output, stdout) = CourseCli.Run(CourseCli.Python!, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], temp,
            JupyterEnvironment(temp, prefix), TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        var specs = JsonNode.Parse(stdout)!["kernelspecs"]!.AsObject();
        Assert.Equal("C# (.NET 10, course kit)", specs[KernelSpec.DefaultName]!["spec"]!["display_name"]!.GetValue<string>());
    }

    [JupyterFact]
    public void JupyterKernelTestSuite_PassesAgainstTheInstalledKernel()
    {
        var prefix = InstallIntoPrefix(temp);
        var tests = Path.Combine(CourseCli.RepositoryRoot, "tests", "DeepNlp.Kernel.Tests", "python");

        var (code, output, _) = CourseCli.Run(CourseCli.Python!, ["-m", "unittest", "-v", "test_kernel"], tests,
            JupyterEnvironment(temp, prefix), TimeSpan.FromMinutes(5));

        Console.Error.WriteLine(output);
        Assert.True(code == 0, output);
        Assert.Contains("OK", output);
        Assert.DoesNotContain("skipped 'test_execute_stdout'", output);
        // Only test_pager and test_clear_output are skipped (the kit has no pager payloads and no clear_output);
        // test_history's tail, range and search all run.
        Assert.Contains("OK (skipped=2)", output);
    }
}
