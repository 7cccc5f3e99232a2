using DeepNlp.Engine.Execution;
using CodeCompleteness = DeepNlp.Engine.Execution.CodeCompleteness;
using System.Text.Json.Nodes;
using DeepNlp.Kernel.Execution;

namespace DeepNlp.Kernel.Tests.Support;

/// <summary>A code runner that obeys one command per line, so protocol tests need no C# compiler:
/// <c>out TEXT</c>, <c>err TEXT</c>, <c>show ID TEXT</c>, <c>update ID TEXT</c>, <c>value TEXT</c>, <c>fail TEXT</c>,
/// <c>wait</c> (until interrupted), <c>crash</c> (throws), <c>input PROMPT</c> and <c>password PROMPT</c> (read a line
/// from the front end and write <c>got LINE</c> to stdout).</summary>
internal sealed class ScriptedRunner : ICodeRunner
{
    private readonly ManualResetEventSlim interrupted = new(false);
    private readonly ManualResetEventSlim waiting = new(false);
    private CancellationTokenSource stop = new();

    public List<string> Executed { get; } = [];

    /// <summary>Set while a <c>wait</c> line is blocking.</summary>
    public bool WaitUntilWaiting(TimeSpan timeout) => waiting.Wait(timeout);

    public CellOutcome Execute(string code, IExecutionSink sink)
    {
        lock (Executed) Executed.Add(code);
        stop = new CancellationTokenSource();
        foreach (var line in code.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "out": sink.Stream(StreamName.Stdout, line[4..] + "\n"); break;
                case "err": sink.Stream(StreamName.Stderr, line[4..] + "\n"); break;
                case "show": sink.Display(Bundle(parts[2]), parts[1]); break;
                case "update": sink.UpdateDisplay(Bundle(parts[2]), parts[1]); break;
                case "value": sink.Result(Bundle(line[6..])); break;
                case "fail": return Failure("ScriptError", line[5..], [$"Cell line 1: {line[5..]}"]);
                case "crash": throw new InvalidOperationException("runner crashed");
                case "input" or "password":
                    try
                    {
                        var value = sink.ReadInput(line.Length > parts[0].Length ? line[(parts[0].Length + 1)..] : "", parts[0] == "password", stop.Token);
                        sink.Stream(StreamName.Stdout, $"got {value ?? "<end of input>"}\n");
                    }
                    catch (InvalidOperationException e)
                    {
                        return Failure(nameof(InvalidOperationException), e.Message, [e.Message]);
                    }
                    catch (OperationCanceledException)
                    {
                        return Failure("OperationCanceledException", "The cell was interrupted.", ["interrupted"]);
                    }
                    break;
                case "wait":
                    interrupted.Reset();
                    waiting.Set();
                    var stopped = interrupted.Wait(TimeSpan.FromSeconds(20));
                    waiting.Reset();
                    if (stopped) return Failure("OperationCanceledException", "The cell was interrupted.", ["interrupted"]);
                    break;
                default: return Failure("UnknownCommand", parts[0], [parts[0]]);
            }
        }
        return new CellOutcome(0, CellStatus.Ok, null, TimeSpan.Zero, []);
    }

    private static CellOutcome Failure(string name, string message, IReadOnlyList<string> traceback) =>
        new(0, CellStatus.RuntimeError, new CellError(name, message, traceback, null, null), TimeSpan.Zero, []);

    public CodeCompleteness IsComplete(string code) =>
        code.Count(c => c == '{') > code.Count(c => c == '}') ? CodeCompleteness.Incomplete
        : code.Contains("}{", StringComparison.Ordinal) ? CodeCompleteness.Invalid
        : CodeCompleteness.Complete;

    public CompletionSet Complete(string code, int cursor)
    {
        var start = cursor;
        while (start > 0 && char.IsLetter(code[start - 1])) start--;
        var prefix = code[start..cursor];
        return new CompletionSet(new[] { "Console", "Convert", "Math" }.Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).ToList(), start, cursor);
    }

    public string? Inspect(string code, int cursor, int detailLevel) =>
        code.Contains("Math", StringComparison.Ordinal) ? $"class System.Math (detail {detailLevel})" : null;

    public void Interrupt()
    {
        interrupted.Set();
        stop.Cancel();
    }

    public void Dispose()
    {
        interrupted.Dispose();
        waiting.Dispose();
        stop.Dispose();
    }

    private static JsonObject Bundle(string text) => new() { ["text/plain"] = text };
}
