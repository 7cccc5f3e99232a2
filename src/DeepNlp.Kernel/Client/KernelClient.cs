using System.Diagnostics;
using DeepNlp.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace DeepNlp.Kernel.Client;

/// <summary>A minimal Jupyter client: connects to a kernel's sockets, sends signed requests and collects IOPub messages.</summary>
/// <remarks>Used by the kernel's tests and the startup benchmark to drive the kernel through the real protocol.
/// Not thread-safe: use it from one thread.</remarks>
public sealed class KernelClient : IDisposable
{
    private readonly MessageSigner signer;
    private readonly DealerSocket shell = new(), control = new(), stdin = new();
    private readonly SubscriberSocket iopub = new();
    private readonly RequestSocket heartbeat = new();
    private readonly string session = Guid.NewGuid().ToString();
    private readonly List<KernelMessage> pendingIopub = [];

    /// <summary>Connects to the kernel described by a connection file (nothing is sent yet).</summary>
    /// <param name="connection">The kernel's connection information.</param>
    public KernelClient(ConnectionInfo connection)
    {
        signer = new MessageSigner(connection.Key, connection.SignatureScheme);
        var host = connection.Ip is "0.0.0.0" or "*" ? "127.0.0.1" : connection.Ip;
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Options.Linger = TimeSpan.Zero;
        // One identity for shell and stdin, as jupyter_client does: the kernel sends input_request to the identity
        // the execute_request came from.
        var identity = System.Text.Encoding.ASCII.GetBytes(session);
        shell.Options.Identity = identity;
        stdin.Options.Identity = identity;
        shell.Connect($"tcp://{host}:{connection.ShellPort}");
        stdin.Connect($"tcp://{host}:{connection.StdinPort}");
        control.Connect($"tcp://{host}:{connection.ControlPort}");
        iopub.Connect($"tcp://{host}:{connection.IopubPort}");
        iopub.SubscribeToAnyTopic();
        heartbeat.Connect($"tcp://{host}:{connection.HeartbeatPort}");
    }

    /// <summary>The signer this client uses (the connection's key).</summary>
    public MessageSigner Signer => signer;

    /// <summary>Waits until the kernel answers kernel_info and IOPub delivers its status (PUB/SUB drops messages until the subscription is in place).</summary>
    /// <param name="timeout">How long to keep trying.</param>
    /// <exception cref="TimeoutException">The kernel did not become ready in time.</exception>
    public void WaitForReady(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var id = Send(KernelChannel.Shell, MessageType.KernelInfoRequest, new { });
            if (TryReceiveReply(KernelChannel.Shell, id, TimeSpan.FromSeconds(1)) is null) continue;
            // The status follows the reply within a millisecond once IOPub is subscribed; a short wait and a new
            // kernel_info (as jupyter_client's nudge does) beats waiting long for a status that was dropped.
            var idle = TryNextIopub(m => m.ParentHeader?.MsgId == id && m.Type == MessageType.Status, TimeSpan.FromMilliseconds(50));
            if (idle is not null) { pendingIopub.Clear(); return; }
        }
        throw new TimeoutException($"the kernel was not ready after {timeout.TotalSeconds:0.#} s");
    }

    /// <summary>Sends a request and returns its msg_id.</summary>
    /// <param name="channel">Shell or control.</param>
    /// <param name="type">The request type.</param>
    /// <param name="content">The content (serialized with snake_case names).</param>
    /// <returns>The request's msg_id, the parent id of everything it causes.</returns>
    public string Send(KernelChannel channel, MessageType type, object content)
    {
        var message = KernelMessage.Create(type, content, session, "test");
        SendFrames(channel, WireFormat.Encode(message, signer));
        return message.Header.MsgId;
    }

    /// <summary>Sends frames as they are (to test how the kernel treats malformed or badly signed messages).</summary>
    /// <param name="channel">Shell or control.</param>
    /// <param name="frames">The frames, from the delimiter on.</param>
    public void SendFrames(KernelChannel channel, IEnumerable<byte[]> frames) => Socket(channel).SendMultipartBytes(frames);

    /// <summary>Waits for the reply to one request, skipping replies to others.</summary>
    /// <param name="channel">The channel the request went out on.</param>
    /// <param name="msgId">The request's msg_id.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The reply, or null on timeout.</returns>
    public KernelMessage? TryReceiveReply(KernelChannel channel, string msgId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var socket = Socket(channel);
        while (clock.Elapsed < timeout)
        {
            var frames = new List<byte[]>();
            if (!socket.TryReceiveMultipartBytes(timeout - clock.Elapsed, ref frames)) return null;
            var message = WireFormat.Decode(frames, signer);
            if (message.ParentHeader?.MsgId == msgId) return message;
        }
        return null;
    }

    /// <summary>Sends a request and waits for its reply.</summary>
    /// <param name="channel">Shell or control.</param>
    /// <param name="type">The request type.</param>
    /// <param name="content">The content.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <returns>The request's msg_id and the reply.</returns>
    /// <exception cref="TimeoutException">No reply in time.</exception>
    public (string MsgId, KernelMessage Reply) Request(KernelChannel channel, MessageType type, object content, TimeSpan timeout)
    {
        var id = Send(channel, type, content);
        var reply = TryReceiveReply(channel, id, timeout)
            ?? throw new TimeoutException($"no reply to {type.WireName()} within {timeout.TotalSeconds:0.#} s");
        return (id, reply);
    }

    /// <summary>The next IOPub message that matches a filter; others are kept for later calls.</summary>
    /// <param name="match">Which message to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message, or null on timeout.</returns>
    public KernelMessage? TryNextIopub(Func<KernelMessage, bool> match, TimeSpan timeout)
    {
        var index = pendingIopub.FindIndex(m => match(m));
        if (index >= 0)
        {
            var found = pendingIopub[index];
            pendingIopub.RemoveAt(index);
            return found;
        }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var frames = new List<byte[]>();
            if (!iopub.TryReceiveMultipartBytes(timeout - clock.Elapsed, ref frames)) return null;
            var message = WireFormat.Decode(frames, signer);
            if (match(message)) return message;
            pendingIopub.Add(message);
        }
        return null;
    }

    /// <summary>Every IOPub message caused by one request, in order, up to and including its status idle.</summary>
    /// <param name="msgId">The request's msg_id.</param>
    /// <param name="timeout">How long to wait for the idle status.</param>
    /// <returns>The messages, busy first, idle last.</returns>
    /// <exception cref="TimeoutException">No idle status in time.</exception>
    public IReadOnlyList<KernelMessage> CollectIopub(string msgId, TimeSpan timeout)
    {
        var messages = new List<KernelMessage>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = timeout - clock.Elapsed;
            var message = TryNextIopub(m => m.ParentHeader?.MsgId == msgId, left > TimeSpan.Zero ? left : TimeSpan.Zero)
                ?? throw new TimeoutException($"no status idle for {msgId} within {timeout.TotalSeconds:0.#} s; got {string.Join(", ", messages.Select(m => m.Type))}");
            messages.Add(message);
            if (message.Type == MessageType.Status && message.Content.GetProperty("execution_state").GetString() == "idle")
                return messages;
        }
    }

    /// <summary>Runs a cell: sends execute_request and returns the reply and the cell's IOPub messages.</summary>
    /// <param name="code">The cell's code.</param>
    /// <param name="timeout">How long the cell may take.</param>
    /// <param name="silent">The request's silent flag.</param>
    /// <param name="storeHistory">The request's store_history flag.</param>
    /// <param name="allowStdin">The request's allow_stdin flag; the cell's input requests must then be answered
    /// (<see cref="TryReceiveInputRequest"/>, <see cref="SendInputReply"/>) before the reply comes, so use <see cref="Send"/>.</param>
    /// <returns>The execute_reply and the IOPub messages from busy to idle.</returns>
    public (KernelMessage Reply, IReadOnlyList<KernelMessage> Iopub) Execute(string code, TimeSpan timeout, bool silent = false,
        bool storeHistory = true, bool allowStdin = false)
    {
        var (id, reply) = Request(KernelChannel.Shell, MessageType.ExecuteRequest,
            new { code, silent, store_history = storeHistory, user_expressions = new { }, allow_stdin = allowStdin, stop_on_error = true }, timeout);
        return (reply, CollectIopub(id, timeout));
    }

    /// <summary>Waits for the kernel's next input_request on the stdin channel.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The request (its parent is the execute_request), or null on timeout.</returns>
    public KernelMessage? TryReceiveInputRequest(TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        return stdin.TryReceiveMultipartBytes(timeout, ref frames) ? WireFormat.Decode(frames, signer) : null;
    }

    /// <summary>Answers an input_request with the line typed.</summary>
    /// <param name="request">The kernel's input_request, the reply's parent; null sends no parent header, as
    /// jupyter_client's <c>input()</c> does.</param>
    /// <param name="value">The line, without a line break.</param>
    public void SendInputReply(KernelMessage? request, string value)
    {
        var reply = KernelMessage.Create(MessageType.InputReply, new { value }, session, "test", request, identities: []);
        stdin.SendMultipartBytes(WireFormat.Encode(reply, signer));
    }

    /// <summary>Sends one heartbeat and waits for the echo.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>True when the same bytes came back.</returns>
    public bool Ping(TimeSpan timeout)
    {
        var payload = Guid.NewGuid().ToByteArray();
        heartbeat.SendFrame(payload);
        return heartbeat.TryReceiveFrameBytes(timeout, out var echo) && echo.AsSpan().SequenceEqual(payload);
    }

    /// <summary>Closes the sockets.</summary>
    public void Dispose()
    {
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Dispose();
    }

    private DealerSocket Socket(KernelChannel channel) => channel == KernelChannel.Shell ? shell : control;
}
