using System.Diagnostics;
using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Tests.Support;

namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary><c>course kernel start</c> as a real process: it binds where the connection file says, answers, and exits on shutdown.</summary>
[Collection(KernelProcesses.Name)]
public sealed class KernelProcessTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("deepnlp-kernel-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private Process StartKernel(ConnectionInfo connection, int? parentPid = null)
    {
        var file = Path.Combine(temp, "kernel-test.json");
        File.WriteAllText(file, connection.ToJson());
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { CourseCli.CourseDll, "kernel", "start", "--connection-file", file }) start.ArgumentList.Add(argument);
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(temp, "data");
        if (parentPid is { } pid) start.Environment["JPY_PARENT_PID"] = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    [Fact]
    public void Start_ServesTheConnectionFilesPorts_AndExitsZeroAfterShutdown()
    {
        var connection = TestKernel.FreeConnection("process-key");
        using var kernel = StartKernel(connection);
        using var client = new KernelClient(connection);
        client.WaitForReady(Timeout);

        var (reply, iopub) = client.Execute("Environment.ProcessId", Timeout);
        var (_, shutdown) = client.Request(KernelChannel.Control, MessageType.ShutdownRequest, new { restart = false }, Timeout);
        var exited = kernel.WaitForExit(Timeout);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal(kernel.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            iopub.Single(m => m.Type == MessageType.ExecuteResult).Content.GetProperty("data").GetProperty("text/plain").GetString());
        Assert.False(shutdown.Content.GetProperty("restart").GetBoolean());
        Assert.True(exited);
        Assert.Equal(0, kernel.ExitCode);
    }

    [Fact]
    public void Start_RestartRequest_RepliesRestartAndExitsForTheClientToRelaunch()
    {
        var connection = TestKernel.FreeConnection("process-key");
        using var kernel = StartKernel(connection);
        using var client = new KernelClient(connection);
        client.WaitForReady(Timeout);

        var (_, shutdown) = client.Request(KernelChannel.Control, MessageType.ShutdownRequest, new { restart = true }, Timeout);
        var exited = kernel.WaitForExit(Timeout);

        Assert.True(shutdown.Content.GetProperty("restart").GetBoolean());
        Assert.True(exited);
        Assert.Equal(0, kernel.ExitCode);
    }

    [Fact]
    public void History_OfAnEarlierKernel_IsServedAsTheSessionBefore_FromTheJupyterDataFolder()
    {
        void RunKernel(Action<KernelClient> use)
        {
            var connection = TestKernel.FreeConnection("process-key");
            using var kernel = StartKernel(connection);
            using (var client = new KernelClient(connection))
            {
                client.WaitForReady(Timeout);
                use(client);
                client.Request(KernelChannel.Control, MessageType.ShutdownRequest, new { restart = false }, Timeout);
            }
            Assert.True(kernel.WaitForExit(Timeout));
        }
        System.Text.Json.JsonElement history = default;

        RunKernel(client => client.Execute("var persisted = 1;", Timeout));
        RunKernel(client =>
        {
            client.Execute("persisted", Timeout);
            history = client.Request(KernelChannel.Shell, MessageType.HistoryRequest,
                new { output = false, raw = true, hist_access_type = "tail", n = 10 }, Timeout).Reply.Content.GetProperty("history");
        });

        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal((1, 1, "var persisted = 1;"), (history[0][0].GetInt32(), history[0][1].GetInt32(), history[0][2].GetString()));
        Assert.Equal((2, 1, "persisted"), (history[1][0].GetInt32(), history[1][1].GetInt32(), history[1][2].GetString()));
        Assert.True(File.Exists(Path.Combine(temp, "data", "deepnlp-csharp", "history.jsonl")));
    }

    [Fact]
    public void Start_ParentJupyterProcessGone_ShutsItselfDown()
    {
        using var parent = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        parent.WaitForExit();
        var connection = TestKernel.FreeConnection("process-key");

        using var kernel = StartKernel(connection, parent.Id);
        var exited = kernel.WaitForExit(Timeout);

        Assert.True(exited);
        Assert.Equal(0, kernel.ExitCode);
    }

    [Fact]
    public void Start_MissingConnectionFile_ExitsOneNamingTheFile()
    {
        var missing = Path.Combine(temp, "nowhere.json");

        var (code, output) = CourseCli.Course(temp, null, "kernel", "start", "--connection-file", missing);

        Assert.Equal(1, code);
        Assert.Contains(missing, output);
    }
}
