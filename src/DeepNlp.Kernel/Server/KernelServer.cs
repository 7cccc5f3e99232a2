using System.Text;
using DeepNlp.Kernel.Execution;
using DeepNlp.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace DeepNlp.Kernel.Server;

/// <summary>A Jupyter kernel: binds the five sockets of a connection file and serves protocol 5.3 in front of an <see cref="ICodeRunner"/>.</summary>
/// <remarks>
/// One thread per channel. Shell requests run one at a time on the shell thread (a cell blocks the next request, as
/// in every Jupyter kernel); control has its own thread so interrupt and shutdown are served while a cell runs.
/// IOPub is written from several threads under a lock. The stdin channel is used by the running cell's thread, when the
/// cell reads input (see <c>RequestInput</c>). Every request is bracketed by status busy ... idle on IOPub.
/// Messages with a bad signature are dropped and logged. Started by <c>course kernel start</c> (see <see cref="KernelHost"/>).
/// </remarks>
public sealed partial class KernelServer : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly ConnectionInfo connection;
    private readonly ICodeRunner runner;
    private readonly TextWriter log;
    private readonly MessageSigner signer;
    private readonly string session = Guid.NewGuid().ToString();
    private readonly Dictionary<MessageType, Action<Request>> handlers;
    private readonly object iopubLock = new();
    private readonly object stdinLock = new();
    private readonly InputHistory history;
    private readonly ManualResetEventSlim shutdown = new(false);
    private readonly List<Thread> threads = [];
    private RouterSocket? shell, control, stdin;
    private PublisherSocket? iopub;
    private ResponseSocket? heartbeat;
    private volatile bool stopping;
    private int executionCount;

    /// <summary>Creates a kernel; call <see cref="Start"/> to bind and serve.</summary>
    /// <param name="connection">Where to bind and the signing key.</param>
    /// <param name="runner">Runs cells; owned by the caller.</param>
    /// <param name="log">Where rejected messages and handler failures are logged (stderr in the real kernel).</param>
    /// <param name="historyFile">Where executed inputs are kept across kernels for history_request (the real kernel uses
    /// the Jupyter data folder); null keeps only this session's, in memory.</param>
    /// <exception cref="ArgumentException">The connection's signature scheme is unsupported.</exception>
    public KernelServer(ConnectionInfo connection, ICodeRunner runner, TextWriter log, string? historyFile = null)
    {
        this.connection = connection;
        this.runner = runner;
        this.log = log;
        history = new InputHistory(historyFile, log);
        signer = new MessageSigner(connection.Key, connection.SignatureScheme);
        handlers = CreateHandlers();
    }

    /// <summary>True once a <c>shutdown_request</c> asked for a restart (the client then starts a new process).</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>The number of cells run with <c>store_history</c>; the count shown as <c>In [n]</c>.</summary>
    public int ExecutionCount => Volatile.Read(ref executionCount);

    /// <summary>Binds every socket where the connection file says, publishes status <c>starting</c>, and starts serving.</summary>
    /// <exception cref="NetMQ.NetMQException">A port is in use or the address cannot be bound.</exception>
    public void Start()
    {
        heartbeat = Bind(new ResponseSocket(), connection.HeartbeatPort);
        iopub = Bind(new PublisherSocket(), connection.IopubPort);
        shell = Bind(new RouterSocket(), connection.ShellPort);
        control = Bind(new RouterSocket(), connection.ControlPort);
        stdin = Bind(new RouterSocket(), connection.StdinPort);
        stdin.Options.RouterMandatory = true;
        StartThread("heartbeat", () => Echo(heartbeat));
        StartThread("shell", () => Serve(shell, "shell"));
        StartThread("control", () => Serve(control, "control"));
        Publish(MessageType.Status, new StatusContent(ExecutionState.Starting), parent: null);
    }

    /// <summary>Blocks until a <c>shutdown_request</c> has been answered (or the timeout passes).</summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>True when the kernel was asked to shut down.</returns>
    public bool WaitForShutdown(TimeSpan? timeout = null) => shutdown.Wait(timeout ?? Timeout.InfiniteTimeSpan);

    /// <summary>Stops serving, waits briefly for the channel threads and closes the sockets.</summary>
    public void Dispose()
    {
        stopping = true;
        shutdown.Set();
        foreach (var thread in threads)
            if (thread != Thread.CurrentThread && !thread.Join(TimeSpan.FromSeconds(5)))
                log.WriteLine($"[kernel] the {thread.Name} thread is still busy (a cell did not stop); closing anyway");
        foreach (var socket in new NetMQSocket?[] { shell, control, stdin, heartbeat })
            socket?.Dispose();
        history.Dispose();
        lock (iopubLock)
        {
            iopub?.Dispose();
            iopub = null;
        }
    }

    private T Bind<T>(T socket, int port) where T : NetMQSocket
    {
        // Replies already queued (the shutdown reply above all) get a moment to leave before the socket closes.
        socket.Options.Linger = TimeSpan.FromSeconds(1);
        socket.Bind(connection.Endpoint(port));
        return socket;
    }

    private void StartThread(string name, Action body)
    {
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) when (stopping && e is ObjectDisposedException or TerminatingException) { }
        }) { IsBackground = true, Name = $"kernel {name}" };
        threads.Add(thread);
        thread.Start();
    }

    private void Echo(ResponseSocket socket)
    {
        while (!stopping)
        {
            var frames = new List<byte[]>();
            if (socket.TryReceiveMultipartBytes(PollInterval, ref frames)) socket.SendMultipartBytes(frames);
        }
    }

    private void Serve(RouterSocket socket, string channel)
    {
        while (!stopping)
        {
            var frames = new List<byte[]>();
            if (!socket.TryReceiveMultipartBytes(PollInterval, ref frames)) continue;
            if (DecodeOrLog(frames, channel) is { } message) Dispatch(new Request(message, socket, channel));
        }
    }

    /// <summary>Decodes and verifies one message; one with a bad signature or that cannot be read is logged and
    /// skipped (null), on every channel alike.</summary>
    private KernelMessage? DecodeOrLog(List<byte[]> frames, string channel)
    {
        try
        {
            return WireFormat.Decode(frames, signer);
        }
        catch (WireFormatException e)
        {
            log.WriteLine(e.BadSignature
                ? $"[kernel] {channel}: rejected a message with an invalid signature (wrong key?)"
                : $"[kernel] {channel}: ignored a message it cannot read: {e.Message}");
            return null;
        }
    }

    private void Dispatch(Request request)
    {
        if (!handlers.TryGetValue(request.Message.Type, out var handler))
        {
            log.WriteLine($"[kernel] {request.Channel}: no handler for {request.Message.Type.WireName()}; ignored");
            return;
        }
        Publish(MessageType.Status, new StatusContent(ExecutionState.Busy), request.Message);
        try
        {
            handler(request);
        }
        catch (Exception e)
        {
            log.WriteLine($"[kernel] {request.Channel}: {request.Message.Type.WireName()} failed: {e}");
            // The client waits for a reply; an error reply (the protocol's common error shape) keeps it from hanging.
            if (Enum.TryParse<MessageType>(request.Message.Type.ToString().Replace("Request", "Reply", StringComparison.Ordinal), out var replyType)
                && replyType != request.Message.Type)
                Reply(request, replyType, new ErrorReplyContent("error", e.GetType().Name, e.Message, [e.ToString()]));
        }
        finally
        {
            Publish(MessageType.Status, new StatusContent(ExecutionState.Idle), request.Message);
        }
    }

    private void Reply(Request request, MessageType type, object content)
    {
        var reply = KernelMessage.Create(type, content, session, Username, request.Message);
        request.Socket.SendMultipartBytes(WireFormat.Encode(reply, signer));
    }

    private void Publish(MessageType type, object content, KernelMessage? parent)
    {
        var topic = Encoding.UTF8.GetBytes($"kernel.{session}.{type.WireName()}");
        var message = KernelMessage.Create(type, content, session, Username, parent, identities: [topic]);
        var frames = WireFormat.Encode(message, signer);
        lock (iopubLock)
        {
            if (!stopping || type is MessageType.Status or MessageType.ShutdownReply) iopub?.SendMultipartBytes(frames);
        }
    }

    private const string Username = "kernel";

    /// <summary>A request being handled: the message and the socket its reply goes back on.</summary>
    private sealed record Request(KernelMessage Message, RouterSocket Socket, string Channel);
}
