using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Server;
using DeepNlp.Kernel.Tests.Support;

namespace DeepNlp.Kernel.Tests.Server;

/// <summary>The stdin channel against a scripted runner: input_request to the client that sent the cell, its input_reply
/// back to the cell, a fast failure when allow_stdin is false, and interrupt while waiting.</summary>
public sealed class KernelServerStdinTests : IDisposable
{
    private readonly ScriptedRunner runner = new();
    private readonly TestKernel kernel;

    public KernelServerStdinTests() => kernel = new TestKernel(runner);

    public void Dispose() => kernel.Dispose();

    private KernelClient Client => kernel.Client;

    private string SendExecute(string code, bool allowStdin) =>
        Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code, silent = false, store_history = true, allow_stdin = allowStdin });

    private static string StdoutOf(IReadOnlyList<KernelMessage> iopub) =>
        string.Concat(iopub.Where(m => m.Type == MessageType.Stream).Select(m => m.Content.GetProperty("text").GetString()));

    [Fact]
    public void ExecuteRequest_AllowStdin_SendsInputRequestToTheSendingClient_AndTheCellGetsTheReply()
    {
        var id = SendExecute("input Your name: ", allowStdin: true);

        var request = Client.TryReceiveInputRequest(TestKernel.Timeout)!;
        Client.SendInputReply(request, "Ada");
        var reply = Client.TryReceiveReply(KernelChannel.Shell, id, TestKernel.Timeout)!;
        var iopub = Client.CollectIopub(id, TestKernel.Timeout);

        Assert.Equal(MessageType.InputRequest, request.Type);
        Assert.Equal(id, request.ParentHeader!.MsgId);
        Assert.Equal("Your name: ", request.Content.GetProperty("prompt").GetString());
        Assert.False(request.Content.GetProperty("password").GetBoolean());
        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal("got Ada\n", StdoutOf(iopub));
    }

    [Fact]
    public void InputReply_WithoutParentHeader_IsTaken_AsJupyterClientSendsIt()
    {
        var id = SendExecute("input", allowStdin: true);

        Assert.NotNull(Client.TryReceiveInputRequest(TestKernel.Timeout));
        Client.SendInputReply(null, "no parent");
        Client.TryReceiveReply(KernelChannel.Shell, id, TestKernel.Timeout);
        var iopub = Client.CollectIopub(id, TestKernel.Timeout);

        Assert.Equal("got no parent\n", StdoutOf(iopub));
    }

    [Fact]
    public void ExecuteRequest_PasswordInput_SendsPasswordTrue()
    {
        var id = SendExecute("password Token", allowStdin: true);

        var request = Client.TryReceiveInputRequest(TestKernel.Timeout)!;
        Client.SendInputReply(request, "s3cret");
        var reply = Client.TryReceiveReply(KernelChannel.Shell, id, TestKernel.Timeout)!;

        Assert.True(request.Content.GetProperty("password").GetBoolean());
        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
    }

    [Fact]
    public void InputReply_CtrlD_IsTheEndOfInput()
    {
        var id = SendExecute("input", allowStdin: true);

        Client.SendInputReply(Client.TryReceiveInputRequest(TestKernel.Timeout)!, "\u0004");
        Client.TryReceiveReply(KernelChannel.Shell, id, TestKernel.Timeout);
        var iopub = Client.CollectIopub(id, TestKernel.Timeout);

        Assert.Equal("got <end of input>\n", StdoutOf(iopub));
    }

    [Fact]
    public void ExecuteRequest_WithoutAllowStdin_ReadingFailsAtOnce_AndNoInputRequestIsSent()
    {
        var (reply, _) = Client.Execute("input Name", TestKernel.Timeout, allowStdin: false);

        Assert.Equal("error", reply.Content.GetProperty("status").GetString());
        Assert.Equal(nameof(InvalidOperationException), reply.Content.GetProperty("ename").GetString());
        Assert.Equal(KernelServer.StdinNotAllowedMessage, reply.Content.GetProperty("evalue").GetString());
        Assert.Null(Client.TryReceiveInputRequest(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void InterruptRequest_WhileWaitingForInput_StopsTheCell_AndALateReplyIsNotTakenByTheNextRequest()
    {
        var first = SendExecute("input first", allowStdin: true);
        var stale = Client.TryReceiveInputRequest(TestKernel.Timeout)!;

        Client.Request(KernelChannel.Control, MessageType.InterruptRequest, new { }, TestKernel.Timeout);
        var interrupted = Client.TryReceiveReply(KernelChannel.Shell, first, TestKernel.Timeout)!;
        Client.SendInputReply(stale, "too late");
        Thread.Sleep(200);
        var second = SendExecute("input second", allowStdin: true);
        var fresh = Client.TryReceiveInputRequest(TestKernel.Timeout)!;
        Client.SendInputReply(fresh, "on time");
        var reply = Client.TryReceiveReply(KernelChannel.Shell, second, TestKernel.Timeout)!;
        var iopub = Client.CollectIopub(second, TestKernel.Timeout);

        Assert.Equal("error", interrupted.Content.GetProperty("status").GetString());
        Assert.Equal("OperationCanceledException", interrupted.Content.GetProperty("ename").GetString());
        Assert.Equal("second", fresh.Content.GetProperty("prompt").GetString());
        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        Assert.Equal("got on time\n", StdoutOf(iopub));
    }
}
