using DeepNlp.Kernel.Protocol;

namespace DeepNlp.Kernel.Tests.Protocol;

public class ConnectionInfoTests
{
    private const string JupyterFile = """
        {
          "shell_port": 50001, "iopub_port": 50002, "stdin_port": 50003, "control_port": 50004, "hb_port": 50005,
          "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "transport": "tcp",
          "signature_scheme": "hmac-sha256", "kernel_name": "deepnlp-csharp"
        }
        """;

    [Fact]
    public void Parse_ReadsEveryPortKeyAndScheme()
    {
        var info = ConnectionInfo.Parse(JupyterFile);

        Assert.Equal(new ConnectionInfo("tcp", "127.0.0.1", 50001, 50004, 50003, 50002, 50005,
            "a0436f6c-1916-498b-8eb9-e81ab9368e84", "hmac-sha256"), info);
        Assert.Equal("tcp://127.0.0.1:50004", info.Endpoint(info.ControlPort));
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        var info = ConnectionInfo.Parse(JupyterFile);

        var again = ConnectionInfo.Parse(info.ToJson());

        Assert.Equal(info, again);
    }

    [Fact]
    public void Parse_MissingPort_NamesTheField()
    {
        var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Parse(JupyterFile.Replace("\"hb_port\": 50005,", "")));

        Assert.Contains("hb_port", error.Message);
    }

    [Fact]
    public void Parse_IpcTransport_IsRejectedByName()
    {
        var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Parse(JupyterFile.Replace("\"tcp\"", "\"ipc\"")));

        Assert.Contains("ipc", error.Message);
    }

    [Fact]
    public void Parse_AnyAddress_BindsEveryInterface()
    {
        var info = ConnectionInfo.Parse(JupyterFile.Replace("127.0.0.1", "0.0.0.0"));

        Assert.Equal("tcp://*:50001", info.Endpoint(info.ShellPort));
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kernel-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ not json");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(path));

            Assert.StartsWith(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
