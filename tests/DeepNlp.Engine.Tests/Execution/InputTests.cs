using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>Console.ReadLine, Console.Read and Kernel.GetInputAsync in cells: answered by the session's input reader,
/// refused at once without one (headless runs), and stopped by an interrupt.</summary>
public class InputTests
{
    private sealed class ScriptedReader(params string?[] lines)
    {
        private readonly Queue<string?> answers = new(lines);

        public List<(string Prompt, bool Password)> Requests { get; } = [];

        public string? Read(string prompt, bool password, CancellationToken cancellationToken)
        {
            Requests.Add((prompt, password));
            return answers.Dequeue();
        }
    }

    private static NotebookSession NewSession(InputReader? reader) => new(new NotebookSessionOptions
    {
        InputReader = reader,
        StopGracePeriod = TimeSpan.FromSeconds(5),
    });

    private static string Stdout(CellOutcome outcome) =>
        string.Concat(outcome.Events.OfType<StreamText>().Where(s => s.Stream == StreamName.Stdout).Select(s => s.Text));

    [Fact]
    public async Task ConsoleReadLine_WithoutReader_FailsAtOnceWithInvalidOperation()
    {
        using var session = NewSession(null);

        var outcome = await session.ExecuteAsync("var line = Console.ReadLine();");

        Assert.Equal(CellStatus.RuntimeError, outcome.Status);
        Assert.Equal(nameof(InvalidOperationException), outcome.Error!.Name);
        Assert.Contains("does not accept input", outcome.Error.Message);
    }

    [Fact]
    public async Task KernelGetInputAsync_WithoutReader_FailsAtOnceWithInvalidOperation()
    {
        using var session = NewSession(null);

        var outcome = await session.ExecuteAsync("var name = await Kernel.GetInputAsync(\"Name\");");

        Assert.Equal(nameof(InvalidOperationException), outcome.Error!.Name);
        Assert.Contains("does not accept input", outcome.Error.Message);
    }

    [Fact]
    public async Task ConsoleReadLine_FlushesThePromptWrittenBefore_ThenAsksWithAnEmptyPrompt()
    {
        var reader = new ScriptedReader("Ada");
        using var session = NewSession(reader.Read);

        var outcome = await session.ExecuteAsync("Console.Write(\"Name: \"); var name = Console.ReadLine(); Console.WriteLine($\"Hello, {name}!\");");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Equal([("", false)], reader.Requests);
        Assert.Equal(["Name: ", "Hello, Ada!\n"], outcome.Events.OfType<StreamText>().Select(s => s.Text));
    }

    [Fact]
    public async Task ConsoleRead_ReturnsTheLineCharByChar_WithItsLineBreak_ThenReadLineAsksAgain()
    {
        var reader = new ScriptedReader("ab", "next");
        using var session = NewSession(reader.Read);

        var outcome = await session.ExecuteAsync(
            "var chars = new[] { Console.Read(), Console.Read(), Console.Read() }; Console.WriteLine(string.Join(\",\", chars)); Console.WriteLine(Console.ReadLine());");

        Assert.Equal("97,98,10\nnext\n", Stdout(outcome));
        Assert.Equal(2, reader.Requests.Count);
    }

    [Fact]
    public async Task ConsoleReadLine_AfterARead_ReturnsTheRestOfThatLine()
    {
        var reader = new ScriptedReader("xyz");
        using var session = NewSession(reader.Read);

        var outcome = await session.ExecuteAsync("Console.Read(); Console.WriteLine(Console.ReadLine());");

        Assert.Equal("yz\n", Stdout(outcome));
        Assert.Single(reader.Requests);
    }

    [Fact]
    public async Task ConsoleReadLine_EndOfInput_ReturnsNull()
    {
        using var session = NewSession(new ScriptedReader([null]).Read);

        var outcome = await session.ExecuteAsync("Console.ReadLine() is null");

        Assert.Equal("True", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task KernelGetInputAsync_SendsItsPrompt_AndReturnsTheLine()
    {
        var reader = new ScriptedReader("42");
        using var session = NewSession(reader.Read);

        var outcome = await session.ExecuteAsync("int.Parse(await Kernel.GetInputAsync(\"A number\")) + 1");

        Assert.Equal([("A number", false)], reader.Requests);
        Assert.Equal("43", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task KernelGetPasswordAsync_AsksForHiddenInput_AndMasksTheResultWhenShown()
    {
        var reader = new ScriptedReader("s3cret");
        using var session = NewSession(reader.Read);

        var outcome = await session.ExecuteAsync("var token = await Kernel.GetPasswordAsync(\"Token\"); Console.WriteLine(token.GetClearTextPassword().Length); token");

        Assert.Equal([("Token", true)], reader.Requests);
        Assert.Equal("6\n", Stdout(outcome));
        Assert.Equal("************", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Interrupt_WhileWaitingForInput_StopsTheCell_AndKeepsState()
    {
        using var waiting = new ManualResetEventSlim(false);
        string? Wait(string prompt, bool password, CancellationToken cancellationToken)
        {
            waiting.Set();
            Task.Delay(Timeout.Infinite, cancellationToken).GetAwaiter().GetResult();
            return null;
        }
        using var session = NewSession(Wait);
        await session.ExecuteAsync("var kept = 5;");

        var running = session.ExecuteAsync("var name = Console.ReadLine();");
        Assert.True(waiting.Wait(TimeSpan.FromSeconds(60)));
        session.Interrupt();
        var stopped = await running;
        var after = await session.ExecuteAsync("kept");

        Assert.Equal(CellStatus.Interrupted, stopped.Status);
        Assert.True(stopped.StateRecovered);
        Assert.Equal("5", after.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task ConsoleInReadToEnd_InACell_IsRefusedInsteadOfPromptingForever()
    {
        using var session = NewSession(new ScriptedReader("never asked").Read);

        var outcome = await session.ExecuteAsync("Console.In.ReadToEnd();");

        Assert.Equal(nameof(NotSupportedException), outcome.Error!.Name);
    }
}
