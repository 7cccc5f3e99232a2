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
}
