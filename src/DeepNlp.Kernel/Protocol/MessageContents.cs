using CodeCompleteness = DeepNlp.Engine.Execution.CodeCompleteness;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Kernel.Execution;
using DeepNlp.Engine.Execution;

namespace DeepNlp.Kernel.Protocol;

// Content records of the messages the kernel reads and writes, one per message type, field names as the
// protocol spells them (snake_case through KernelJson.Options). Spec: "Messaging in Jupyter", version 5.3.

/// <summary>execute_request content.</summary>
internal sealed record ExecuteRequestContent(
    string Code, bool Silent = false, bool StoreHistory = true, Dictionary<string, string>? UserExpressions = null,
    bool AllowStdin = false, bool StopOnError = true);

/// <summary>is_complete_request, complete_request and inspect_request content (fields unused by a type are defaults).</summary>
internal sealed record CodeRequestContent(string Code, int CursorPos = 0, int DetailLevel = 0);

/// <summary>shutdown_request content.</summary>
internal sealed record ShutdownRequestContent(bool Restart = false);

internal sealed record LanguageInfo(string Name, string Version, string Mimetype, string FileExtension, string PygmentsLexer, string CodemirrorMode);

internal sealed record HelpLink(string Text, string Url);

internal sealed record KernelInfoReplyContent(
    string Status, string ProtocolVersion, string Implementation, string ImplementationVersion,
    LanguageInfo LanguageInfo, string Banner, IReadOnlyList<HelpLink> HelpLinks, bool Debugger);

internal sealed record StatusContent(ExecutionState ExecutionState);

internal sealed record ExecuteInputContent(string Code, int ExecutionCount);

internal sealed record StreamOutputContent(string Name, string Text);

internal sealed record DisplayDataContent(JsonObject Data, JsonObject Metadata, TransientContent? Transient);

internal sealed record TransientContent(string DisplayId);

internal sealed record ExecuteResultContent(int ExecutionCount, JsonObject Data, JsonObject Metadata);

internal sealed record ErrorContent(string Ename, string Evalue, IReadOnlyList<string> Traceback)
{
    /// <summary>The protocol's error fields for a failed cell: the error's name, its message prefixed with the line and
    /// column when known, and its traceback, plus a restart hint when the cell's thread could not be stopped.</summary>
    public static ErrorContent From(CellOutcome outcome)
    {
        var error = outcome.Error ?? new CellError(outcome.Status.ToString(), "The cell failed.", [], null, null);
        var traceback = outcome.StateRecovered
            ? error.Traceback
            : [.. error.Traceback, "The cell's thread could not be stopped; restart the kernel to be safe."];
        var value = error.Line is { } line ? $"(line {line}, column {error.Column}) {error.Message}" : error.Message;
        return new ErrorContent(error.Name, value, traceback);
    }
}

/// <summary>execute_reply: ename/evalue/traceback only when the status is error, user_expressions only when ok.</summary>
internal sealed record ExecuteReplyContent(
    string Status, int ExecutionCount, Dictionary<string, JsonNode?>? UserExpressions, JsonArray? Payload,
    string? Ename = null, string? Evalue = null, IReadOnlyList<string>? Traceback = null);

internal sealed record IsCompleteReplyContent(CodeCompleteness Status, string? Indent);

internal sealed record CompleteReplyContent(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd, JsonObject Metadata, string Status);

internal sealed record InspectReplyContent(string Status, bool Found, JsonObject Data, JsonObject Metadata);

internal sealed record InputRequestContent(string Prompt, bool Password);

internal sealed record InputReplyContent(string Value = "");

/// <summary>history_request content; which fields count depends on hist_access_type (tail: n; range: session, start,
/// stop; search: pattern, n, unique).</summary>
internal sealed record HistoryRequestContent(
    bool Output = false, bool Raw = true, string HistAccessType = "range", int Session = 0, int Start = 0, int? Stop = null,
    int? N = null, string? Pattern = null, bool Unique = false);

internal sealed record HistoryReplyContent(string Status, JsonArray History);

internal sealed record CommInfoReplyContent(string Status, JsonObject Comms);

internal sealed record CommCloseContent(string CommId, JsonObject Data);

internal sealed record InterruptReplyContent(string Status);

/// <summary>Any reply whose request failed inside the kernel: status error with ename, evalue, traceback.</summary>
internal sealed record ErrorReplyContent(string Status, string Ename, string Evalue, IReadOnlyList<string> Traceback);

internal sealed record ShutdownReplyContent(string Status, bool Restart);

/// <summary>Helpers for content that is read loosely (comm ids).</summary>
internal static class ContentFields
{
    public static string? String(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
