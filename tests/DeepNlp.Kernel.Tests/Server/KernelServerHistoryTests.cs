using System.Text.Json;
using DeepNlp.Kernel.Client;
using DeepNlp.Kernel.Protocol;
using DeepNlp.Kernel.Tests.Support;

namespace DeepNlp.Kernel.Tests.Server;

/// <summary>history_request against a scripted runner: tail, range and glob search over the cells run with store_history.</summary>
public sealed class KernelServerHistoryTests : IDisposable
{
    private readonly TestKernel kernel = new(new ScriptedRunner());

    public void Dispose() => kernel.Dispose();

    private KernelClient Client => kernel.Client;

    private JsonElement History(object request)
    {
        var (_, reply) = Client.Request(KernelChannel.Shell, MessageType.HistoryRequest, request, TestKernel.Timeout);
        Assert.Equal(MessageType.HistoryReply, reply.Type);
        Assert.Equal("ok", reply.Content.GetProperty("status").GetString());
        return reply.Content.GetProperty("history");
    }

    private static List<(int Session, int Line, string Input)> Entries(JsonElement history) =>
        history.EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32(), e[2].GetString()!)).ToList();

    private void Run(params string[] cells)
    {
        foreach (var cell in cells) Client.Execute(cell, TestKernel.Timeout);
    }

    [Fact]
    public void HistoryRequest_BeforeAnyCell_RepliesAnEmptyList()
    {
        var history = History(new { output = false, raw = true, hist_access_type = "tail", n = 10 });

        Assert.Equal(0, history.GetArrayLength());
    }

    [Fact]
    public void HistoryRequest_Tail_ReturnsTheLastNInputs_OldestFirst_WithSessionAndLine()
    {
        Run("value 1", "out a", "value 3");

        var history = History(new { output = false, raw = true, hist_access_type = "tail", n = 2 });

        Assert.Equal([(1, 2, "out a"), (1, 3, "value 3")], Entries(history));
    }

    [Fact]
    public void HistoryRequest_TailWithOutput_PairsEachInputWithItsResultText()
    {
        Run("value 42", "out no result");

        var history = History(new { output = true, raw = true, hist_access_type = "tail", n = 2 });

        Assert.Equal("value 42", history[0][2][0].GetString());
        Assert.Equal("42", history[0][2][1].GetString());
        Assert.Equal("out no result", history[1][2][0].GetString());
        Assert.Equal(JsonValueKind.Null, history[1][2][1].ValueKind);
    }

    [Fact]
    public void HistoryRequest_SilentAndUnstoredCells_AreNotKept()
    {
        Client.Execute("value stored", TestKernel.Timeout);
        Client.Execute("value silent", TestKernel.Timeout, silent: true);
        Client.Execute("value unstored", TestKernel.Timeout, storeHistory: false);

        var history = History(new { output = false, raw = true, hist_access_type = "tail", n = 10 });

        Assert.Equal([(1, 1, "value stored")], Entries(history));
    }

    [Fact]
    public void HistoryRequest_Range_ReturnsLinesFromStartUpToStopExcluded()
    {
        Run("value 1", "value 2", "value 3", "value 4");

        var current = History(new { output = false, raw = true, hist_access_type = "range", session = 0, start = 2, stop = 4 });
        var toTheEnd = History(new { output = false, raw = true, hist_access_type = "range", session = 1, start = 3 });
        var earlier = History(new { output = false, raw = true, hist_access_type = "range", session = -1, start = 1 });

        Assert.Equal([(1, 2, "value 2"), (1, 3, "value 3")], Entries(current));
        Assert.Equal([(1, 3, "value 3"), (1, 4, "value 4")], Entries(toTheEnd));
        Assert.Equal(0, earlier.GetArrayLength());
    }

    [Fact]
    public void HistoryRequest_Search_MatchesTheGlobAgainstTheWholeInput()
    {
        Run("value 6", "out 6 times", "value 7", "value 6");

        var all = History(new { output = false, raw = true, hist_access_type = "search", pattern = "value ?" });
        var unique = History(new { output = false, raw = true, hist_access_type = "search", pattern = "value [6-9]", unique = true });
        var lastTwo = History(new { output = false, raw = true, hist_access_type = "search", pattern = "*6*", n = 2 });

        Assert.Equal([1, 3, 4], Entries(all).Select(e => e.Line));
        Assert.Equal([(1, 3, "value 7"), (1, 4, "value 6")], Entries(unique));
        Assert.Equal([(1, 2, "out 6 times"), (1, 4, "value 6")], Entries(lastTwo));
    }
}
