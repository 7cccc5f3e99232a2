using System.Text.Json;
using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Tests.Support;

namespace DeepNlp.Kernel.Tests.Execution;

/// <summary>The kernel in front of the real engine, driven through the protocol: results, state, displays, errors,
/// interrupt, completion and inspection.</summary>
public sealed class EngineKernelTests(EngineKernelFixture fixture) : IClassFixture<EngineKernelFixture>
{
    private KernelClient Client => fixture.Kernel.Client;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Text(KernelMessage message) => message.Content.GetProperty("data").GetProperty("text/plain").GetString()!;

    private static string Status(KernelMessage reply) => reply.Content.GetProperty("status").GetString()!;

    private JsonElement Request(MessageType type, object content) => Client.Request(KernelChannel.Shell, type, content, Timeout).Reply.Content;

    [Fact]
    public void Execute_TrailingExpression_PublishesExecuteResult()
    {
        var (reply, iopub) = Client.Execute("6 * 7", Timeout);

        Assert.Equal("ok", Status(reply));
        var result = Assert.Single(iopub, m => m.Type == MessageType.ExecuteResult);
        Assert.Equal("42", Text(result));
        Assert.Equal(reply.Content.GetProperty("execution_count").GetInt32(), result.Content.GetProperty("execution_count").GetInt32());
    }

    [Fact]
    public void Execute_TrailingSemicolon_PublishesNoResult()
    {
        var (reply, iopub) = Client.Execute("var quiet = 6 * 7;", Timeout);

        Assert.Equal("ok", Status(reply));
        Assert.DoesNotContain(iopub, m => m.Type == MessageType.ExecuteResult);
    }

    [Fact]
    public void Execute_StateCarriesAcrossCells()
    {
        Client.Execute("var carried = new List<int> { 1, 2, 3 };", Timeout);

        var (_, iopub) = Client.Execute("carried.Sum()", Timeout);

        Assert.Equal("6", Text(iopub.Single(m => m.Type == MessageType.ExecuteResult)));
    }

    [Fact]
    public void Execute_ConsoleWrites_AreStdoutAndStderrStreams()
    {
        var (_, iopub) = Client.Execute("Console.WriteLine(\"hello, world\"); Console.Error.WriteLine(\"careful\");", Timeout);

        var streams = iopub.Where(m => m.Type == MessageType.Stream)
            .Select(m => (m.Content.GetProperty("name").GetString(), m.Content.GetProperty("text").GetString())).ToList();
        Assert.Contains(("stdout", "hello, world\n"), streams);
        Assert.Contains(("stderr", "careful\n"), streams);
    }

    [Fact]
    public void Execute_DisplayThenUpdate_SharesOneDisplayId()
    {
        var (reply, iopub) = Client.Execute("var view = display(\"step 0\"); view.Update(\"step 1\");", Timeout);

        Assert.Equal("ok", Status(reply));
        var shown = Assert.Single(iopub, m => m.Type == MessageType.DisplayData);
        var updated = Assert.Single(iopub, m => m.Type == MessageType.UpdateDisplayData);
        Assert.Equal("step 0", Text(shown));
        Assert.Equal("step 1", Text(updated));
        var id = shown.Content.GetProperty("transient").GetProperty("display_id").GetString();
        Assert.Equal(id, updated.Content.GetProperty("transient").GetProperty("display_id").GetString());
    }

    [Fact]
    public void Execute_Html_DisplaysTextHtml()
    {
        var (_, iopub) = Client.Execute("display(HTML(\"<b>bold</b>\"));", Timeout);

        var shown = Assert.Single(iopub, m => m.Type == MessageType.DisplayData);
        Assert.Equal("<b>bold</b>", shown.Content.GetProperty("data").GetProperty("text/html").GetString());
    }

    [Fact]
    public void Execute_CompileError_RepliesErrorNamingLineAndColumn()
    {
        var (reply, iopub) = Client.Execute("var ok = 1;\nint broken = \"text\";", Timeout);

        Assert.Equal("error", Status(reply));
        Assert.Equal("CompilationError", reply.Content.GetProperty("ename").GetString());
        Assert.Contains("line 2, column 14", reply.Content.GetProperty("evalue").GetString());
        Assert.Single(iopub, m => m.Type == MessageType.Error);
    }

    [Fact]
    public void Execute_RuntimeException_RepliesItsTypeAndMessage()
    {
        var (reply, _) = Client.Execute("throw new InvalidOperationException(\"no way\");", Timeout);

        Assert.Equal("error", Status(reply));
        Assert.Equal("InvalidOperationException", reply.Content.GetProperty("ename").GetString());
        Assert.Contains("no way", reply.Content.GetProperty("evalue").GetString());
    }

    [Fact]
    public void Execute_Interrupt_KeepsState()
    {
        Client.Execute("var kept = 41;", Timeout);
        var running = Client.Send(KernelChannel.Shell, MessageType.ExecuteRequest,
            new { code = "Console.WriteLine(\"started\"); while (true) Thread.Sleep(20);", silent = false, store_history = true });
        Assert.NotNull(Client.TryNextIopub(m => m.ParentHeader?.MsgId == running && m.Type == MessageType.Stream, Timeout));

        var (_, interrupt) = Client.Request(KernelChannel.Control, MessageType.InterruptRequest, new { }, Timeout);
        var stopped = Client.TryReceiveReply(KernelChannel.Shell, running, Timeout)!;
        Client.CollectIopub(running, Timeout);
        var (after, iopub) = Client.Execute("kept + 1", Timeout);

        Assert.Equal("ok", Status(interrupt));
        Assert.Equal("error", Status(stopped));
        Assert.Equal("Interrupted", stopped.Content.GetProperty("ename").GetString());
        Assert.Equal("ok", Status(after));
        Assert.Equal("42", Text(iopub.Single(m => m.Type == MessageType.ExecuteResult)));
    }

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("var s = \"open", "incomplete")]
    [InlineData("var x = ;", "invalid")]
    public void IsComplete_JudgesSubmissionsLikeTheEngine(string code, string expected)
    {
        var reply = Request(MessageType.IsCompleteRequest, new { code });

        Assert.Equal(expected, reply.GetProperty("status").GetString());
    }

    [Fact]
    public void Complete_StaticMember_ReplacesTheTypedWord()
    {
        var reply = Request(MessageType.CompleteRequest, new { code = "Console.WriteLi", cursor_pos = 15 });

        Assert.Equal(["WriteLine"], reply.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(8, reply.GetProperty("cursor_start").GetInt32());
        Assert.Equal(15, reply.GetProperty("cursor_end").GetInt32());
    }

    [Fact]
    public void Complete_MembersOfAnEarlierCellsVariable_IncludeExtensionMethods()
    {
        Client.Execute("var words = new List<string> { \"a\" };", Timeout);

        var reply = Request(MessageType.CompleteRequest, new { code = "words.", cursor_pos = 6 });

        var matches = reply.GetProperty("matches").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("Add", matches);
        Assert.Contains("Count", matches);
        Assert.Contains("Select", matches);
        Assert.DoesNotContain("WriteLine", matches);
    }

    [Fact]
    public void Complete_Namespace_OffersNestedNamespaces()
    {
        var reply = Request(MessageType.CompleteRequest, new { code = "System.Collections.Gen", cursor_pos = 22 });

        Assert.Equal(["Generic"], reply.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void Complete_InScope_OffersEarlierVariablesGlobalsAndKeywords()
    {
        Client.Execute("var learningRate = 0.1;", Timeout);

        var variables = Request(MessageType.CompleteRequest, new { code = "learn", cursor_pos = 5 });
        var globals = Request(MessageType.CompleteRequest, new { code = "displ", cursor_pos = 5 });
        var keywords = Request(MessageType.CompleteRequest, new { code = "forea", cursor_pos = 5 });

        Assert.Equal(["learningRate"], variables.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["display"], globals.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["foreach"], keywords.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void Inspect_FrameworkMethod_ShowsOverloadSignaturesAndDocumentation()
    {
        var reply = Request(MessageType.InspectRequest, new { code = "Math.Max", cursor_pos = 8, detail_level = 0 });

        Assert.True(reply.GetProperty("found").GetBoolean());
        var text = reply.GetProperty("data").GetProperty("text/plain").GetString()!;
        Assert.Contains("Math.Max(int val1, int val2)", text);
        Assert.Contains("Math.Max(double val1, double val2)", text);
        Assert.Contains("Returns the larger of", text);
    }

    [Fact]
    public void Inspect_EarlierCellsVariable_ShowsItsType()
    {
        Client.Execute("var inspected = new Dictionary<string, int>();", Timeout);

        var reply = Request(MessageType.InspectRequest, new { code = "inspected.Count", cursor_pos = 3, detail_level = 0 });

        Assert.True(reply.GetProperty("found").GetBoolean());
        Assert.Contains("Dictionary<string, int> inspected", reply.GetProperty("data").GetProperty("text/plain").GetString());
    }

    [Fact]
    public void Inspect_Whitespace_IsNotFound()
    {
        var reply = Request(MessageType.InspectRequest, new { code = "1 +   2", cursor_pos = 4, detail_level = 0 });

        Assert.False(reply.GetProperty("found").GetBoolean());
    }
}
