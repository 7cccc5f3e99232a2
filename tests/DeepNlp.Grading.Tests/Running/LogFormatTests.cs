using System.Text.Json;
using DeepNlp.Grading.Running;
using DeepNlp.Labs;

namespace DeepNlp.Grading.Tests.Running;

/// <summary>The grading logs' kinds and statuses are enums in code, but the JSON lines keep the strings they had when they
/// were strings, so a log written before the change (a resumed grading run) still reads.</summary>
public class LogFormatTests
{
    [Fact]
    public void Cell_events_serialise_to_the_same_words_as_before()
    {
        var end = new CellEvent("n", CellEventKind.End, -1, "submission", PlannedCellKind.Student, "", CellEventStatus.Malformed, "bad");
        var done = new CellEvent("n", CellEventKind.Done, 4, "", PlannedCellKind.None, "", CellEventStatus.None, "");
        var violation = new CellEvent("n", CellEventKind.Violation, 2, "cell 3", PlannedCellKind.Student, "q1,q2", CellEventStatus.Forbidden, "x");

        Assert.Equal("""{"Nonce":"n","Kind":"end","Index":-1,"Label":"submission","CellKind":"student","Question":"","Status":"Malformed","Message":"bad"}""",
            JsonSerializer.Serialize(end));
        Assert.Equal("""{"Nonce":"n","Kind":"done","Index":4,"Label":"","CellKind":"","Question":"","Status":"","Message":""}""",
            JsonSerializer.Serialize(done));
        Assert.Equal("""{"Nonce":"n","Kind":"violation","Index":2,"Label":"cell 3","CellKind":"student","Question":"q1,q2","Status":"Forbidden","Message":"x"}""",
            JsonSerializer.Serialize(violation));
    }

    [Theory]
    [InlineData("setup", (int)PlannedCellKind.Setup)]
    [InlineData("provided", (int)PlannedCellKind.Provided)]
    [InlineData("export", (int)PlannedCellKind.Export)]
    [InlineData("stubs", (int)PlannedCellKind.Stubs)]
    [InlineData("tests", (int)PlannedCellKind.Tests)]
    [InlineData("hidden", (int)PlannedCellKind.Hidden)]
    [InlineData("run", (int)PlannedCellKind.Run)]
    public void A_cell_event_line_written_with_strings_reads_back_as_the_enums(string cellKind, int expected)
    {
        var line = $$"""{"Nonce":"n","Kind":"start","Index":7,"Label":"l","CellKind":"{{cellKind}}","Question":"q1","Status":"","Message":""}""";

        var e = JsonSerializer.Deserialize<CellEvent>(line)!;

        Assert.Equal((CellEventKind.Start, (PlannedCellKind)expected, CellEventStatus.None), (e.Kind, e.CellKind, e.Status));
        Assert.Equal(line, JsonSerializer.Serialize(e));
    }

    [Theory]
    [InlineData("Ok", (int)CellEventStatus.Ok)]
    [InlineData("CompileError", (int)CellEventStatus.CompileError)]
    [InlineData("RuntimeError", (int)CellEventStatus.RuntimeError)]
    [InlineData("Interrupted", (int)CellEventStatus.Interrupted)]
    [InlineData("TimedOut", (int)CellEventStatus.TimedOut)]
    [InlineData("Crashed", (int)CellEventStatus.Crashed)]
    [InlineData("Refused", (int)CellEventStatus.Refused)]
    public void Every_status_keeps_its_old_word(string word, int status)
    {
        var e = new CellEvent("n", CellEventKind.End, 0, "l", PlannedCellKind.Tests, "q1", (CellEventStatus)status, "");

        Assert.Contains($"\"Status\":\"{word}\"", JsonSerializer.Serialize(e), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_result_lines_keep_start_end_done()
    {
        Assert.Equal("""{"Nonce":"n1","Kind":"start","Question":"q1","Name":"a","Hidden":false,"Weight":1,"Passed":false,"Message":"","Seconds":0}""",
            JsonSerializer.Serialize(new GradingEvent("n1", GradingEventKind.Start, "q1", "a", false, 1, false, "", 0)));
        Assert.Contains("\"Kind\":\"end\"", JsonSerializer.Serialize(new GradingEvent("n1", GradingEventKind.End, "q1", "a", false, 1, true, "", 0.5)), StringComparison.Ordinal);
        Assert.Contains("\"Kind\":\"done\"", JsonSerializer.Serialize(new GradingEvent("n1", GradingEventKind.Done, "", "", false, 0, true, "", 0)), StringComparison.Ordinal);
    }
}
