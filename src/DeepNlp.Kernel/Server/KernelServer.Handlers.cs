using DeepNlp.Engine.Execution;
using CodeCompleteness = DeepNlp.Engine.Execution.CodeCompleteness;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Kernel.Execution;
using DeepNlp.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace DeepNlp.Kernel.Server;

// The handler table: one method per request type, each answering as protocol 5.3 says.
public sealed partial class KernelServer
{
    private Dictionary<MessageType, Action<Request>> CreateHandlers() => new()
    {
        [MessageType.KernelInfoRequest] = KernelInfo,
        [MessageType.ExecuteRequest] = Execute,
        [MessageType.IsCompleteRequest] = IsComplete,
        [MessageType.CompleteRequest] = Complete,
        [MessageType.InspectRequest] = Inspect,
        [MessageType.HistoryRequest] = History,
        [MessageType.CommInfoRequest] = r => Reply(r, MessageType.CommInfoReply, new CommInfoReplyContent("ok", [])),
        [MessageType.CommOpen] = CommOpen,
        [MessageType.InterruptRequest] = Interrupt,
        [MessageType.ShutdownRequest] = Shutdown,
    };

    /// <summary>What kernel_info_reply says about this kernel.</summary>
    internal static KernelInfoReplyContent Info { get; } = new(
        Status: "ok",
        ProtocolVersion: MessageHeader.ProtocolVersion,
        Implementation: "deepnlp-csharp",
        ImplementationVersion: typeof(KernelServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        LanguageInfo: new LanguageInfo("C#", "14.0", "text/x-csharp", ".cs", "csharp", "text/x-csharp"),
        Banner: $"C# 14 on .NET {Environment.Version} (Roslyn scripting), course kit kernel",
        HelpLinks:
        [
            new HelpLink("C# language reference", "https://learn.microsoft.com/dotnet/csharp/"),
            new HelpLink(".NET API browser", "https://learn.microsoft.com/dotnet/api/"),
        ],
        Debugger: false);

    private void KernelInfo(Request request) => Reply(request, MessageType.KernelInfoReply, Info);

    private void Execute(Request request)
    {
        var content = request.Message.ContentAs<ExecuteRequestContent>();
        var silent = content.Silent;
        // silent forces store_history off; only stored cells advance In [n].
        var stored = !silent && content.StoreHistory;
        var count = stored ? Interlocked.Increment(ref executionCount) : ExecutionCount;
        if (stored) history.Record(count, content.Code);
        if (!silent) Publish(MessageType.ExecuteInput, new ExecuteInputContent(content.Code, count), request.Message);

        var outcome = runner.Execute(content.Code, silent
            ? new SilentSink(this, request.Message, content.AllowStdin)
            : new IopubSink(this, request.Message, count, content.AllowStdin, stored ? history : null));

        if (outcome.Succeeded)
        {
            var expressions = EvaluateUserExpressions(content.UserExpressions);
            Reply(request, MessageType.ExecuteReply, new ExecuteReplyContent("ok", count, expressions, []));
            return;
        }
        var error = ErrorContent.From(outcome);
        if (!silent)
            Publish(MessageType.Error, error, request.Message);
        // Only what arrived before this reply is queued behind the failed cell; what the client sends after seeing
        // the error must run, so the queue is taken before replying and answered after.
        var queued = content.StopOnError && !silent ? TakeQueued(request.Socket, request.Channel) : [];
        Reply(request, MessageType.ExecuteReply, new ExecuteReplyContent("error", count, null, null,
            error.Ename, error.Evalue, error.Traceback));
        foreach (var next in queued)
        {
            if (next.Message.Type != MessageType.ExecuteRequest)
            {
                Dispatch(next);
                continue;
            }
            Publish(MessageType.Status, new StatusContent(ExecutionState.Busy), next.Message);
            Reply(next, MessageType.ExecuteReply, new ExecuteReplyContent("aborted", ExecutionCount, null, null));
            Publish(MessageType.Status, new StatusContent(ExecutionState.Idle), next.Message);
        }
    }

    /// <summary>The requests already waiting on the shell socket. After a failed cell (stop_on_error, the default) the
    /// execute requests among them are answered with status aborted instead of running, as ipykernel does, so that
    /// "Run All" stops at the first error; other requests are served as usual.</summary>
    private List<Request> TakeQueued(RouterSocket socket, string channel)
    {
        var queued = new List<Request>();
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames))
        {
            if (DecodeOrLog(frames, channel) is { } message) queued.Add(new Request(message, socket, channel));
            frames = [];
        }
        return queued;
    }

    /// <summary>Evaluates user_expressions after a successful cell: each one's text/plain bundle, or its error.</summary>
    private Dictionary<string, JsonNode?> EvaluateUserExpressions(Dictionary<string, string>? expressions)
    {
        var results = new Dictionary<string, JsonNode?>();
        foreach (var (name, expression) in expressions ?? [])
        {
            var sink = new CaptureSink();
            var outcome = runner.Execute(expression, sink);
            var error = outcome.Succeeded ? null : ErrorContent.From(outcome);
            results[name] = error is null
                ? JsonSerializer.SerializeToNode(new { status = "ok", data = sink.Value ?? [], metadata = new JsonObject() })
                : JsonSerializer.SerializeToNode(new { status = "error", ename = error.Ename, evalue = error.Evalue, traceback = error.Traceback });
        }
        return results;
    }

    private void IsComplete(Request request)
    {
        var content = request.Message.ContentAs<CodeRequestContent>();
        var status = runner.IsComplete(content.Code);
        Reply(request, MessageType.IsCompleteReply, new IsCompleteReplyContent(status, status == CodeCompleteness.Incomplete ? "    " : null));
    }

    private void Complete(Request request)
    {
        var content = request.Message.ContentAs<CodeRequestContent>();
        var cursor = Math.Clamp(content.CursorPos, 0, content.Code.Length);
        var set = runner.Complete(content.Code, cursor);
        Reply(request, MessageType.CompleteReply, new CompleteReplyContent(set.Matches, set.CursorStart, set.CursorEnd, [], "ok"));
    }

    private void Inspect(Request request)
    {
        var content = request.Message.ContentAs<CodeRequestContent>();
        var text = runner.Inspect(content.Code, Math.Clamp(content.CursorPos, 0, content.Code.Length), content.DetailLevel);
        var data = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text };
        Reply(request, MessageType.InspectReply, new InspectReplyContent("ok", text is not null, data, []));
    }

    private void History(Request request)
    {
        // raw and transformed inputs are the same in C# (the kit applies no input transformations).
        var content = request.Message.ContentAs<HistoryRequestContent>();
        var entries = content.HistAccessType switch
        {
            "tail" => history.Tail(content.N ?? 10, content.Output),
            "range" => history.Range(content.Session, content.Start, content.Stop, content.Output),
            "search" => history.Search(content.Pattern ?? "*", content.N, content.Unique, content.Output),
            _ => [],
        };
        Reply(request, MessageType.HistoryReply, new HistoryReplyContent("ok", entries));
    }

    private void CommOpen(Request request)
    {
        // The kit registers no comm targets; the protocol says to close a comm whose target is unknown.
        var id = ContentFields.String(request.Message.Content, "comm_id");
        if (id is not null) Publish(MessageType.CommClose, new CommCloseContent(id, []), request.Message);
    }

    private void Interrupt(Request request)
    {
        runner.Interrupt();
        Reply(request, MessageType.InterruptReply, new InterruptReplyContent("ok"));
    }

    private void Shutdown(Request request)
    {
        var restart = request.Message.ContentAs<ShutdownRequestContent>().Restart;
        RestartRequested = restart;
        runner.Interrupt();
        var reply = new ShutdownReplyContent("ok", restart);
        Reply(request, MessageType.ShutdownReply, reply);
        Publish(MessageType.ShutdownReply, reply, request.Message);
        stopping = true;
        shutdown.Set();
    }

    /// <summary>Turns a cell's outputs into IOPub messages whose parent is the execute_request.</summary>
    private sealed class IopubSink(KernelServer server, KernelMessage parent, int count, bool allowStdin, InputHistory? history) : IExecutionSink
    {
        public string? ReadInput(string prompt, bool password, CancellationToken cancellationToken) =>
            server.RequestInput(parent, allowStdin, prompt, password, cancellationToken);

        public void Stream(StreamName stream, string text) =>
            server.Publish(MessageType.Stream, new StreamOutputContent(stream == StreamName.Stdout ? "stdout" : "stderr", text), parent);

        public void Display(JsonObject data, string? displayId) =>
            server.Publish(MessageType.DisplayData, new DisplayDataContent(data, [], Transient(displayId)), parent);

        public void UpdateDisplay(JsonObject data, string displayId) =>
            server.Publish(MessageType.UpdateDisplayData, new DisplayDataContent(data, [], Transient(displayId)), parent);

        public void Result(JsonObject data)
        {
            if (data["text/plain"] is JsonValue text && text.TryGetValue<string>(out var plain)) history?.RecordOutput(count, plain);
            server.Publish(MessageType.ExecuteResult, new ExecuteResultContent(count, data, []), parent);
        }

        private static TransientContent? Transient(string? displayId) => displayId is null ? null : new TransientContent(displayId);
    }

    /// <summary>Swallows the outputs of a silent execution; input is still asked for when allowed, as ipykernel does.</summary>
    private sealed class SilentSink(KernelServer server, KernelMessage parent, bool allowStdin) : IExecutionSink
    {
        public string? ReadInput(string prompt, bool password, CancellationToken cancellationToken) =>
            server.RequestInput(parent, allowStdin, prompt, password, cancellationToken);
        public void Stream(StreamName stream, string text) { }
        public void Display(JsonObject data, string? displayId) { }
        public void UpdateDisplay(JsonObject data, string displayId) { }
        public void Result(JsonObject data) { }
    }

    /// <summary>Keeps the trailing value of a user expression.</summary>
    private sealed class CaptureSink : IExecutionSink
    {
        public JsonObject? Value { get; private set; }
        public string? ReadInput(string prompt, bool password, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("user expressions cannot read input");
        public void Stream(StreamName stream, string text) { }
        public void Display(JsonObject data, string? displayId) { }
        public void UpdateDisplay(JsonObject data, string displayId) { }
        public void Result(JsonObject data) => Value = data;
    }
}
