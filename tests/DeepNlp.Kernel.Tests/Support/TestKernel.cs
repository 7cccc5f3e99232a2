using System.Net;
using System.Net.Sockets;
using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Execution;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Server;

namespace DeepNlp.Kernel.Tests.Support;

/// <summary>A kernel served in-process on free ports of 127.0.0.1, with a connected client that is ready.</summary>
internal sealed class TestKernel : IDisposable
{
    public TestKernel(ICodeRunner runner, string key = "test-key")
    {
        Runner = runner;
        Log = TextWriter.Synchronized(logText);
        Connection = FreeConnection(key);
        Server = new KernelServer(Connection, runner, Log);
        Server.Start();
        Client = new KernelClient(Connection);
        Client.WaitForReady(TimeSpan.FromSeconds(20));
    }

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    public ICodeRunner Runner { get; }
    public ConnectionInfo Connection { get; }
    public KernelServer Server { get; }
    public KernelClient Client { get; }
    private readonly StringWriter logText = new();

    /// <summary>The kernel's log; written from the channel threads, hence synchronized.</summary>
    public TextWriter Log { get; }

    /// <summary>Everything logged so far.</summary>
    public string LogText
    {
        get { lock (Log) return logText.ToString(); }
    }

    /// <summary>A connection on five ports that were free a moment ago (the OS hands out ephemeral ports in turn).</summary>
    public static ConnectionInfo FreeConnection(string key)
    {
        var ports = new int[5];
        var listeners = new List<TcpListener>();
        for (var i = 0; i < ports.Length; i++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            listeners.Add(listener);
            ports[i] = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        foreach (var listener in listeners) listener.Stop();
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], key, "hmac-sha256");
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        Runner.Dispose();
    }
}
