using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

public class StopTests
{
    // A generous grace period where the cell does stop (a loaded CI machine must not turn it into "abandoned"),
    // a short one where it never does.
    private static NotebookSession NewSession(TimeSpan? timeout = null, double graceSeconds = 5) => new(new NotebookSessionOptions
    {
        CellTimeout = timeout,
        StopGracePeriod = TimeSpan.FromSeconds(graceSeconds),
    });

    [Fact]
    public async Task Execute_Timeout_StopsCooperativeCell_AndKeepsState()
    {
        using var session = NewSession(TimeSpan.FromMilliseconds(300));
        await session.ExecuteAsync("var kept = 7;");

        var stopped = await session.ExecuteAsync("await Task.Delay(Timeout.Infinite, Cancellation);");
        var after = await session.ExecuteAsync("kept");

        Assert.Equal(CellStatus.TimedOut, stopped.Status);
        Assert.Equal("Timeout", stopped.Error!.Name);
        Assert.True(stopped.StateRecovered);
        Assert.Equal("7", after.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Execute_Interrupt_StopsBlockedCell_AndKeepsState()
    {
        using var session = NewSession();
        await session.ExecuteAsync("var kept = 8;");

        var running = session.ExecuteAsync("Thread.Sleep(Timeout.Infinite);");
        await Task.Delay(300);
        session.Interrupt();
        var stopped = await running;
        var after = await session.ExecuteAsync("kept");

        Assert.Equal(CellStatus.Interrupted, stopped.Status);
        Assert.True(stopped.StateRecovered);
        Assert.Equal("8", after.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Execute_CellIgnoringStop_IsAbandoned_AndSaysStateWasNotRecovered()
    {
        using var session = NewSession(TimeSpan.FromMilliseconds(200), graceSeconds: 0.3);
        await session.ExecuteAsync("var kept = 9;");
        var flag = "engine-test-stop-" + Guid.NewGuid().ToString("N");

        try
        {
            var stopped = await session.ExecuteAsync($"while (AppDomain.CurrentDomain.GetData(\"{flag}\") is null) {{ }}");
            var after = await session.ExecuteAsync("kept");

            Assert.Equal(CellStatus.TimedOut, stopped.Status);
            Assert.False(stopped.StateRecovered);
            Assert.Contains("abandoned", stopped.Error!.Message);
            Assert.Equal("9", after.Events.OfType<CellResult>().Single().Bundle.Text);
        }
        finally
        {
            // Ends the abandoned busy loop so it does not burn a core for the rest of the test run.
            AppDomain.CurrentDomain.SetData(flag, true);
        }
    }

    [Fact]
    public async Task CellsRunOnOneThreadKeptBetweenCells_WithTheLargeStack()
    {
        using var session = NewSession();
        var first = await session.ExecuteAsync("var firstThread = Environment.CurrentManagedThreadId;");
        // About 1 MB of stack per 1,000 frames of this size: far beyond a thread-pool thread's 1.5 MB.
        var deep = await session.ExecuteAsync("int Depth(int n) { Span<byte> pad = stackalloc byte[512]; pad[0] = 1; return n == 0 ? pad[0] - 1 : 1 + Depth(n - 1); }\nDepth(20_000)");
        var same = await session.ExecuteAsync("Environment.CurrentManagedThreadId == firstThread");

        Assert.True(first.Succeeded, first.Error?.Message);
        Assert.Equal("20000", deep.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal("True", same.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task AfterAnInterrupt_TheNextCellRunsOnAFreshThread_AndCanBlock()
    {
        using var session = NewSession();
        await session.ExecuteAsync("var interruptedThread = 0;");

        var running = session.ExecuteAsync("interruptedThread = Environment.CurrentManagedThreadId; Thread.Sleep(Timeout.Infinite);");
        await Task.Delay(300);
        session.Interrupt();
        var stopped = await running;
        // A stale interrupt on a reused thread would end this sleep with ThreadInterruptedException.
        var after = await session.ExecuteAsync("Thread.Sleep(50); Environment.CurrentManagedThreadId != interruptedThread");

        Assert.Equal(CellStatus.Interrupted, stopped.Status);
        Assert.True(after.Succeeded, after.Error?.Message);
        Assert.Equal("True", after.Events.OfType<CellResult>().Single().Bundle.Text);
    }
}
