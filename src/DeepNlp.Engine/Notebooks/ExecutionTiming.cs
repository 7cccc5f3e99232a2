using System.Globalization;
using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>When a code cell ran: the <c>metadata.execution</c> record that nbclient writes with <c>record_timing</c>.</summary>
/// <remarks>
/// nbclient (and JupyterLab's "record timing" setting) store ISO 8601 UTC timestamps under the cell's
/// <c>metadata.execution</c>; this kit writes the two that bound the cell's own run, <c>iopub.execute_input</c> (the code
/// was sent) and <c>shell.execute_reply</c> (the reply came back), in nbclient's format
/// (<c>2026-12-06T18:30:00.123456Z</c>), so that Jupyter's tools read the kit's executed notebooks the same way.
/// <c>course render --live</c> uses the difference to say how long a cell tagged <c>native-output</c> took natively.
/// </remarks>
public static class ExecutionTiming
{
    /// <summary>The cell metadata key, <c>execution</c>.</summary>
    public const string Key = "execution";

    private const string Started = "iopub.execute_input";
    private const string Replied = "shell.execute_reply";
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>The record for a cell that ran from <paramref name="started"/> to <paramref name="finished"/>.</summary>
    /// <param name="started">When the cell's code was sent to the session.</param>
    /// <param name="finished">When its outcome came back.</param>
    /// <returns>A JSON object with both timestamps in UTC.</returns>
    public static JsonObject Create(DateTimeOffset started, DateTimeOffset finished) => new()
    {
        [Started] = started.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
        [Replied] = finished.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
    };

    /// <summary>How long the cell ran, from its metadata's timing record.</summary>
    /// <param name="cell">A code cell, executed or not.</param>
    /// <returns>The time from <c>iopub.execute_input</c> to <c>shell.execute_reply</c>; null when the cell has no such
    /// record (not executed, or executed by a tool that does not record timing) or it cannot be read.</returns>
    public static TimeSpan? Duration(NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Metadata[Key] is not JsonObject record) return null;
        return Read(record[Started]) is { } start && Read(record[Replied]) is { } end && end >= start ? end - start : null;
    }

    private static DateTimeOffset? Read(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;
}
