using System.Text.Json.Nodes;
using DeepNlp.Kernel.Server;

namespace DeepNlp.Kernel.Tests.Server;

/// <summary>The input history kept across kernels in an append-only file: sessions numbered in turn, merged, compacted,
/// and unreadable lines skipped.</summary>
public sealed class InputHistoryTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("deepnlp-history-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string File => Path.Combine(temp, "data", "history.jsonl");

    private static List<(int Session, int Line, string Input)> Entries(JsonArray history) =>
        history.Select(e => (e![0]!.GetValue<int>(), e[1]!.GetValue<int>(), e[2]!.GetValue<string>())).ToList();

    [Fact]
    public void WithoutFile_OnlyTheCurrentSessionExists_AsSessionOne()
    {
        var history = new InputHistory();
        history.Record(1, "var a = 1;");

        var tail = history.Tail(10, output: false);

        Assert.Equal(1, history.CurrentSession);
        Assert.Equal([(1, 1, "var a = 1;")], Entries(tail));
    }

    [Fact]
    public void Dispose_WritesTheWaitingRecords_AndLaterRecordsStayInMemory()
    {
        var closing = new InputHistory(File);
        closing.Record(1, "var kept = 1;");

        closing.Dispose();
        closing.Record(2, "var notWritten = 2;");
        Thread.Sleep(InputHistory.WriteDelay * 2);
        var next = new InputHistory(File);

        Assert.Equal([(1, 1, "var kept = 1;")], Entries(next.Range(-1, 0, null, output: false)));
        Assert.Equal(2, closing.Tail(10, output: false).Count);
    }

    [Fact]
    public void File_KeepsEarlierSessions_AndTheNextKernelIsTheNextSession()
    {
        var first = new InputHistory(File);
        first.Record(1, "var a = 1;");
        first.Record(2, "a + 1");
        first.RecordOutput(2, "2");
        first.Flush();

        var second = new InputHistory(File);
        second.Record(1, "a * 10");
        second.Flush();
        var third = new InputHistory(File);

        Assert.Equal(2, second.CurrentSession);
        Assert.Equal([(1, 1, "var a = 1;"), (1, 2, "a + 1"), (2, 1, "a * 10")], Entries(second.Tail(10, output: false)));
        Assert.Equal([(1, 1, "var a = 1;"), (1, 2, "a + 1")], Entries(second.Range(-1, 1, null, output: false)));
        Assert.Equal("2", second.Range(1, 2, 3, output: true)[0]![2]![1]!.GetValue<string>());
        Assert.Equal(3, third.CurrentSession);
        Assert.Equal([(2, 1, "a * 10")], Entries(third.Range(-1, 0, null, output: false)));
    }

    [Fact]
    public void File_TwoKernelsAtOnce_KeepBothSessions()
    {
        var left = new InputHistory(File);
        var right = new InputHistory(File);

        left.Record(1, "left");
        left.Flush();
        right.Record(1, "right");
        right.Flush();
        var later = new InputHistory(File);

        Assert.Equal(["left", "right"], Entries(later.Tail(10, output: false)).Select(e => e.Input));
    }

    [Fact]
    public void File_GrowsByOneLinePerRecord()
    {
        var history = new InputHistory(File);
        history.Record(1, "var a = 1;");
        history.Record(2, "a");
        history.RecordOutput(2, "1");
        history.Flush();

        Assert.Equal(3, System.IO.File.ReadAllLines(File).Length);
    }

    [Fact]
    public void Records_ReachTheFile_InTheBackground_WithoutAFlush()
    {
        var history = new InputHistory(File);
        history.Record(1, "var a = 1;");
        history.Record(2, "a");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !(System.IO.File.Exists(File) && System.IO.File.ReadAllLines(File).Length == 2))
            Thread.Sleep(20);

        Assert.Equal(2, System.IO.File.ReadAllLines(File).Length);
        Assert.Equal([(1, 1, "var a = 1;"), (1, 2, "a")], Entries(new InputHistory(File).Tail(10, output: false)));
    }

    [Fact]
    public void File_PastTwiceTheLimit_IsCompactedToTheLatestInputs_WithTheirOutputs()
    {
        var history = new InputHistory(File, maxKept: 3);
        for (var line = 1; line <= 7; line++) history.Record(line, $"cell {line}");
        history.RecordOutput(7, "seven");
        history.Flush();

        var next = new InputHistory(File);

        // 3 inputs, plus the output record when it was appended after the compaction.
        Assert.InRange(System.IO.File.ReadAllLines(File).Length, 3, 4);
        Assert.Equal([5, 6, 7], Entries(next.Range(-1, 0, null, output: false)).Select(e => e.Line));
        Assert.Equal("seven", next.Range(-1, 7, 8, output: true)[0]![2]![1]!.GetValue<string>());
    }

    [Fact]
    public void Reader_KeepsOnlyItsLimitOfEarlierInputs()
    {
        var history = new InputHistory(File);
        for (var line = 1; line <= 5; line++) history.Record(line, $"cell {line}");
        history.Flush();

        var next = new InputHistory(File, maxKept: 2);

        Assert.Equal([4, 5], Entries(next.Range(-1, 0, null, output: false)).Select(e => e.Line));
    }

    [Fact]
    public void File_TornLastLine_IsSkipped_AndTheRestKept()
    {
        var history = new InputHistory(File);
        history.Record(1, "kept");
        history.Flush();
        System.IO.File.AppendAllText(File, "{\"id\":\"x\",\"session\":1,\"li");
        var log = new StringWriter();

        var next = new InputHistory(File, log);

        Assert.Equal([(1, 1, "kept")], Entries(next.Tail(10, output: false)));
        Assert.Contains("ignored 1 unreadable line(s)", log.ToString());
    }

    [Fact]
    public void File_Unreadable_IsIgnoredAndLogged_ThenReplaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllText(File, "{ not json");
        var log = new StringWriter();

        var history = new InputHistory(File, log);
        history.Record(1, "fresh");
        history.Flush();

        Assert.Equal(1, history.CurrentSession);
        Assert.Contains("unreadable line(s) of the input history", log.ToString());
        Assert.Equal([(1, 1, "fresh")], Entries(new InputHistory(File).Tail(10, output: false)));
    }
}
