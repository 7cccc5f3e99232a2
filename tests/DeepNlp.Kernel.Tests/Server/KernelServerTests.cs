using System.Text;
using System.Text.Json;
using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Tests.Support;

namespace DeepNlp.Kernel.Tests.Server;

/// <summary>One conformance test per message type, through real sockets on 127.0.0.1, against a scripted runner.</summary>
public sealed class KernelServerTests : IDisposable
{
    private readonly ScriptedRunner runner = new();
    private readonly TestKernel kernel;

    public KernelServerTests() => kernel = new TestKernel(runner);

    public void Dispose() => kernel.Dispose();

    private KernelClient Client => kernel.Client;

    private static string State(KernelMessage status) => status.Content.GetProperty("execution_state").GetString()!;

    [Fact]
    public void KernelInfoRequest_RepliesProtocol53AndCSharpLanguageInfo_BracketedByBusyIdle()
    {
        var (id, reply) = Client.Request(KernelChannel.Shell, MessageType.KernelInfoRequest, new { }, TestKernel.Timeout);
        var iopub = Client.CollectIopub(id, TestKernel.Timeout);

        Assert.Equal(MessageType.KernelInfoReply, reply.Type);
        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal("5.3", reply.Content.GetProperty("protocol_version").GetString());
        var language = reply.Content.GetProperty("language_info");
        Assert.Equal("C#", language.GetProperty("name").GetString());
        Assert.Equal("text/x-csharp", language.GetProperty("mimetype").GetString());
        Assert.Equal(".cs", language.GetProperty("file_extension").GetString());
        Assert.Contains(".NET", reply.Content.GetProperty("banner").GetString());
        Assert.Equal(2, reply.Content.GetProperty("help_links").GetArrayLength());
        Assert.Equal(["busy", "idle"], iopub.Select(State));
    }

    [Fact]
    public void KernelInfoRequest_OnControl_IsAnsweredOnControl()
    {
        var (_, reply) = Client.Request(KernelChannel.Control, MessageType.KernelInfoRequest, new { }, TestKernel.Timeout);

        Assert.Equal(MessageType.KernelInfoReply, reply.Type);
    }

    [Fact]
    public void ExecuteRequest_PublishesInputStreamsDisplaysAndResultInOrder()
    {
        var code = "out hello\nerr warn\nshow d1 first\nupdate d1 second\nvalue 42";

        var (reply, iopub) = Client.Execute(code, TestKernel.Timeout);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal(1, reply.Content.GetProperty("execution_count").GetInt32());
        Assert.Equal(JsonValueKind.Object, reply.Content.GetProperty("user_expressions").ValueKind);
        Assert.Equal(
            [MessageType.Status, MessageType.ExecuteInput, MessageType.Stream, MessageType.Stream, MessageType.DisplayData,
             MessageType.UpdateDisplayData, MessageType.ExecuteResult, MessageType.Status],
            iopub.Select(m => m.Type));
        Assert.Equal(code, iopub[1].Content.GetProperty("code").GetString());
        Assert.Equal(1, iopub[1].Content.GetProperty("execution_count").GetInt32());
        Assert.Equal(("stdout", "hello\n"), (iopub[2].Content.GetProperty("name").GetString(), iopub[2].Content.GetProperty("text").GetString()));
        Assert.Equal("stderr", iopub[3].Content.GetProperty("name").GetString());
        Assert.Equal("d1", iopub[4].Content.GetProperty("transient").GetProperty("display_id").GetString());
        Assert.Equal("first", iopub[4].Content.GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal("d1", iopub[5].Content.GetProperty("transient").GetProperty("display_id").GetString());
        Assert.Equal("second", iopub[5].Content.GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal(1, iopub[6].Content.GetProperty("execution_count").GetInt32());
        Assert.Equal("42", iopub[6].Content.GetProperty("data").GetProperty("text/plain").GetString());
        Assert.All(iopub, m => Assert.Equal(reply.ParentHeader!.MsgId, m.ParentHeader!.MsgId));
    }

    [Fact]
    public void ExecuteRequest_ExecutionCountAdvancesOnlyWhenHistoryIsStored()
    {
        var (first, _) = Client.Execute("value 1", TestKernel.Timeout);
        var (unstored, _) = Client.Execute("value 2", TestKernel.Timeout, storeHistory: false);
        var (second, _) = Client.Execute("value 3", TestKernel.Timeout);

        Assert.Equal(1, first.Content.GetProperty("execution_count").GetInt32());
        Assert.Equal(1, unstored.Content.GetProperty("execution_count").GetInt32());
        Assert.Equal(2, second.Content.GetProperty("execution_count").GetInt32());
    }

    [Fact]
    public void ExecuteRequest_Silent_PublishesOnlyBusyAndIdle()
    {
        var (reply, iopub) = Client.Execute("out hidden\nvalue 7", TestKernel.Timeout, silent: true);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal(["busy", "idle"], iopub.Select(State));
        Assert.Equal(0, kernel.Server.ExecutionCount);
    }

    [Fact]
    public void ExecuteRequest_Failure_PublishesErrorAndRepliesWithErrorFields()
    {
        var (reply, iopub) = Client.Execute("out before\nfail boom", TestKernel.Timeout);

        Assert.Equal("error", reply.Content.GetProperty("status").GetString());
        Assert.Equal("ScriptError", reply.Content.GetProperty("ename").GetString());
        Assert.Equal("boom", reply.Content.GetProperty("evalue").GetString());
        Assert.Equal("Cell line 1: boom", reply.Content.GetProperty("traceback")[0].GetString());
        var error = Assert.Single(iopub, m => m.Type == MessageType.Error);
        Assert.Equal("boom", error.Content.GetProperty("evalue").GetString());
        Assert.Equal(MessageType.Status, iopub[^1].Type);
    }

    [Fact]
    public void ExecuteRequest_UserExpressions_AreEvaluatedAfterTheCell()
    {
        var (id, reply) = Client.Request(KernelChannel.Shell, MessageType.ExecuteRequest,
            new { code = "out x", silent = false, store_history = true, user_expressions = new Dictionary<string, string> { ["answer"] = "value 42", ["bad"] = "fail nope" } },
            TestKernel.Timeout);
        Client.CollectIopub(id, TestKernel.Timeout);

        var expressions = reply.Content.GetProperty("user_expressions");
        Assert.Equal("ok", expressions.GetProperty("answer").GetProperty("status").GetString());
        Assert.Equal("42", expressions.GetProperty("answer").GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal("error", expressions.GetProperty("bad").GetProperty("status").GetString());
        Assert.Equal("nope", expressions.GetProperty("bad").GetProperty("evalue").GetString());
    }

    [Theory]
    [InlineData("out 1", "complete")]
    [InlineData("out {", "incomplete")]
    [InlineData("}{", "invalid")]
    public void IsCompleteRequest_RepliesTheRunnersVerdict(string code, string expected)
    {
        var (_, reply) = Client.Request(KernelChannel.Shell, MessageType.IsCompleteRequest, new { code }, TestKernel.Timeout);

        Assert.Equal(MessageType.IsCompleteReply, reply.Type);
        Assert.Equal(expected, reply.Content.GetProperty("status").GetString());
        Assert.Equal(expected == "incomplete", reply.Content.TryGetProperty("indent", out _));
    }

    [Fact]
    public void CompleteRequest_RepliesMatchesAndTheReplacedSpan()
    {
        var (_, reply) = Client.Request(KernelChannel.Shell, MessageType.CompleteRequest, new { code = "var x = Co", cursor_pos = 10 }, TestKernel.Timeout);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal(["Console", "Convert"], reply.Content.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(8, reply.Content.GetProperty("cursor_start").GetInt32());
        Assert.Equal(10, reply.Content.GetProperty("cursor_end").GetInt32());
        Assert.Equal(JsonValueKind.Object, reply.Content.GetProperty("metadata").ValueKind);
    }

    [Fact]
    public void InspectRequest_KnownSymbol_RepliesFoundWithTextPlain()
    {
        var (_, reply) = Client.Request(KernelChannel.Shell, MessageType.InspectRequest, new { code = "Math.Max", cursor_pos = 2, detail_level = 1 }, TestKernel.Timeout);

        Assert.True(reply.Content.GetProperty("found").GetBoolean());
        Assert.Equal("class System.Math (detail 1)", reply.Content.GetProperty("data").GetProperty("text/plain").GetString());
    }

    [Fact]
    public void InspectRequest_NothingAtCursor_RepliesNotFound()
    {
        var (_, reply) = Client.Request(KernelChannel.Shell, MessageType.InspectRequest, new { code = "1 + 1", cursor_pos = 1, detail_level = 0 }, TestKernel.Timeout);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.False(reply.Content.GetProperty("found").GetBoolean());
        Assert.Empty(reply.Content.GetProperty("data").EnumerateObject());
    }

    [Fact]
    public void CommInfoRequest_RepliesOkWithNoComms()
    {
        var (_, reply) = Client.Request(KernelChannel.Shell, MessageType.CommInfoRequest, new { }, TestKernel.Timeout);

        Assert.Equal(MessageType.CommInfoReply, reply.Type);
        Assert.Empty(reply.Content.GetProperty("comms").EnumerateObject());
    }

    [Fact]
    public void CommOpen_UnknownTarget_IsClosedOnIopub()
    {
        var id = Client.Send(KernelChannel.Shell, MessageType.CommOpen, new { comm_id = "c-1", target_name = "jupyter.widget", data = new { } });

        var iopub = Client.CollectIopub(id, TestKernel.Timeout);

        var close = Assert.Single(iopub, m => m.Type == MessageType.CommClose);
        Assert.Equal("c-1", close.Content.GetProperty("comm_id").GetString());
    }

    [Fact]
    public void InterruptRequest_StopsTheRunningCell_AndKernelServesTheNextOne()
    {
        var running = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code = "wait", silent = false, store_history = true });
        Assert.True(runner.WaitUntilWaiting(TestKernel.Timeout));

        var (_, interruptReply) = Client.Request(KernelChannel.Control, MessageType.InterruptRequest, new { }, TestKernel.Timeout);
        var executeReply = Client.TryReceiveReply(KernelChannel.Shell, running, TestKernel.Timeout)!;
        var (next, _) = Client.Execute("value after", TestKernel.Timeout);

        Assert.Equal(MessageType.InterruptReply, interruptReply.Type);
        Assert.Equal("ok", interruptReply.Content.GetProperty("status").GetString());
        Assert.Equal("error", executeReply.Content.GetProperty("status").GetString());
        Assert.Equal("OperationCanceledException", executeReply.Content.GetProperty("ename").GetString());
        Assert.Equal("ok", next.Content.GetProperty("status").GetString());
        Assert.Equal(2, next.Content.GetProperty("execution_count").GetInt32());
    }

    [Fact]
    public void ExecuteRequest_FailureWithStopOnError_AbortsTheExecutionsQueuedBehindIt()
    {
        var failing = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code = "wait", silent = false, store_history = true, stop_on_error = true });
        Assert.True(runner.WaitUntilWaiting(TestKernel.Timeout));
        var queued1 = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code = "value 1", silent = false, store_history = true });
        var queued2 = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code = "value 2", silent = false, store_history = true });
        Thread.Sleep(500);

        Client.Request(KernelChannel.Control, MessageType.InterruptRequest, new { }, TestKernel.Timeout);
        var first = Client.TryReceiveReply(KernelChannel.Shell, failing, TestKernel.Timeout)!;
        var second = Client.TryReceiveReply(KernelChannel.Shell, queued1, TestKernel.Timeout)!;
        var third = Client.TryReceiveReply(KernelChannel.Shell, queued2, TestKernel.Timeout)!;
        var (after, _) = Client.Execute("value 3", TestKernel.Timeout);

        Assert.Equal("error", first.Content.GetProperty("status").GetString());
        Assert.Equal("aborted", second.Content.GetProperty("status").GetString());
        Assert.Equal("aborted", third.Content.GetProperty("status").GetString());
        Assert.DoesNotContain("value 1", runner.Executed);
        Assert.Equal("ok", after.Content.GetProperty("status").GetString());
    }

    [Fact]
    public void ExecuteRequest_FailureWithoutStopOnError_RunsTheQueuedExecutions()
    {
        var failing = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code = "wait", silent = false, store_history = true, stop_on_error = false });
        Assert.True(runner.WaitUntilWaiting(TestKernel.Timeout));
        var queued = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code = "value 1", silent = false, store_history = true });
        Thread.Sleep(500);

        Client.Request(KernelChannel.Control, MessageType.InterruptRequest, new { }, TestKernel.Timeout);
        var first = Client.TryReceiveReply(KernelChannel.Shell, failing, TestKernel.Timeout)!;
        var second = Client.TryReceiveReply(KernelChannel.Shell, queued, TestKernel.Timeout)!;

        Assert.Equal("error", first.Content.GetProperty("status").GetString());
        Assert.Equal("ok", second.Content.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ShutdownRequest_RepliesOnControlAndIopub_ThenStops(bool restart)
    {
        var (id, reply) = Client.Request(KernelChannel.Control, MessageType.ShutdownRequest, new { restart }, TestKernel.Timeout);
        var broadcast = Client.TryNextIopub(m => m.Type == MessageType.ShutdownReply, TestKernel.Timeout);

        Assert.Equal(MessageType.ShutdownReply, reply.Type);
        Assert.Equal(restart, reply.Content.GetProperty("restart").GetBoolean());
        Assert.Equal(id, broadcast?.ParentHeader?.MsgId);
        Assert.True(kernel.Server.WaitForShutdown(TestKernel.Timeout));
        Assert.Equal(restart, kernel.Server.RestartRequested);
    }

    [Fact]
    public void Heartbeat_EchoesTheBytesSent()
    {
        var echoed = Client.Ping(TestKernel.Timeout);

        Assert.True(echoed);
    }

    [Fact]
    public void BadSignature_IsRejectedAndLogged_AndTheKernelKeepsServing()
    {
        var forged = KernelMessage.Create(MessageType.ExecuteRequest, new { code = "out forged" }, "intruder", "mallory");
        var frames = WireFormat.Encode(forged, new MessageSigner("wrong-key"));

        Client.SendFrames(KernelChannel.Shell, frames);
        var (reply, _) = Client.Execute("value fine", TestKernel.Timeout);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.DoesNotContain("out forged", runner.Executed);
        Assert.Contains("invalid signature", kernel.LogText);
    }

    [Fact]
    public void HandlerException_RepliesErrorInsteadOfLeavingTheClientWaiting()
    {
        var (reply, iopub) = Client.Execute("crash", TestKernel.Timeout);

        Assert.Equal(MessageType.ExecuteReply, reply.Type);
        Assert.Equal("error", reply.Content.GetProperty("status").GetString());
        Assert.Equal("InvalidOperationException", reply.Content.GetProperty("ename").GetString());
        Assert.Equal("idle", iopub[^1].Content.GetProperty("execution_state").GetString());
        Assert.Contains("runner crashed", kernel.LogText);
    }

    [Fact]
    public void MalformedMessage_IsLoggedAndIgnored()
    {
        Client.SendFrames(KernelChannel.Shell, [Encoding.ASCII.GetBytes("no delimiter here")]);
        var (reply, _) = Client.Execute("value fine", TestKernel.Timeout);

        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Contains("no <IDS|MSG> delimiter", kernel.LogText);
    }
}
