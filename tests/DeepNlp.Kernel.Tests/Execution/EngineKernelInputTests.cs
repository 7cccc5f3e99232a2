using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Server;
using DeepNlp.Kernel.Tests.Support;

namespace DeepNlp.Kernel.Tests.Execution;

/// <summary>Console.ReadLine and Kernel.GetInputAsync in the real engine, answered through the stdin channel.</summary>
public sealed class EngineKernelInputTests(EngineKernelFixture fixture) : IClassFixture<EngineKernelFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private KernelClient Client => fixture.Kernel.Client;

    private string SendExecute(string code) =>
        Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest, new { code, silent = false, store_history = true, allow_stdin = true });

    private static string Status(KernelMessage reply) => reply.Content.GetProperty("status").GetString()!;

    [Fact]
    public void ConsoleReadLine_AllowStdin_PublishesThePromptWrittenBefore_AndReturnsTheClientsAnswer()
    {
        var id = SendExecute("Console.Write(\"Name: \"); var name = Console.ReadLine(); Console.WriteLine($\"Hello, {name}!\");");

        var request = Client.TryReceiveInputRequest(Timeout)!;
        var promptShown = Client.TryNextIopub(m => m.ParentHeader?.MsgId == id && m.Type == MessageType.Stream, Timeout);
        Client.SendInputReply(request, "Ada");
        var reply = Client.TryReceiveReply(KernelChannel.Shell, id, Timeout)!;
        var iopub = Client.CollectIopub(id, Timeout);

        Assert.Equal("", request.Content.GetProperty("prompt").GetString());
        Assert.Equal(id, request.ParentHeader!.MsgId);
        Assert.Equal("Name: ", promptShown!.Content.GetProperty("text").GetString());
        Assert.Equal("ok", Status(reply));
        var greeting = Assert.Single(iopub, m => m.Type == MessageType.Stream);
        Assert.Equal("Hello, Ada!\n", greeting.Content.GetProperty("text").GetString());
    }

    [Fact]
    public void KernelGetInputAsync_SendsItsPrompt_AndGetPasswordAsyncAsksForHiddenInput()
    {
        var id = SendExecute("var user = await Kernel.GetInputAsync(\"User\"); var token = await Kernel.GetPasswordAsync(\"Token\"); $\"{user}:{token.GetClearTextPassword().Length}\"");

        var first = Client.TryReceiveInputRequest(Timeout)!;
        Client.SendInputReply(first, "ada");
        var second = Client.TryReceiveInputRequest(Timeout)!;
        Client.SendInputReply(second, "s3cret");
        Client.TryReceiveReply(KernelChannel.Shell, id, Timeout);
        var iopub = Client.CollectIopub(id, Timeout);

        Assert.Equal(("User", false), (first.Content.GetProperty("prompt").GetString(), first.Content.GetProperty("password").GetBoolean()));
        Assert.Equal(("Token", true), (second.Content.GetProperty("prompt").GetString(), second.Content.GetProperty("password").GetBoolean()));
        var result = Assert.Single(iopub, m => m.Type == MessageType.ExecuteResult);
        Assert.Equal("ada:6", result.Content.GetProperty("data").GetProperty("text/plain").GetString());
    }

    [Fact]
    public void ConsoleReadLine_WithoutAllowStdin_FailsAtOnceWithAClearError()
    {
        var (reply, _) = Client.Execute("var line = Console.ReadLine();", Timeout, allowStdin: false);

        Assert.Equal("error", Status(reply));
        Assert.Equal(nameof(InvalidOperationException), reply.Content.GetProperty("ename").GetString());
        Assert.Contains(KernelServer.StdinNotAllowedMessage, reply.Content.GetProperty("evalue").GetString());
    }

    [Fact]
    public void Interrupt_WhileWaitingForInput_StopsTheCell_AndKeepsState()
    {
        Client.Execute("var keptDuringInput = 41;", Timeout);
        var id = SendExecute("var never = Console.ReadLine();");
        Assert.NotNull(Client.TryReceiveInputRequest(Timeout));

        Client.Request(KernelChannel.Control, MessageType.InterruptRequest, new { }, Timeout);
        var stopped = Client.TryReceiveReply(KernelChannel.Shell, id, Timeout)!;
        Client.CollectIopub(id, Timeout);
        var (_, iopub) = Client.Execute("keptDuringInput + 1", Timeout);

        Assert.Equal("error", Status(stopped));
        Assert.Equal("Interrupted", stopped.Content.GetProperty("ename").GetString());
        var result = Assert.Single(iopub, m => m.Type == MessageType.ExecuteResult);
        Assert.Equal("42", result.Content.GetProperty("data").GetProperty("text/plain").GetString());
    }
}
