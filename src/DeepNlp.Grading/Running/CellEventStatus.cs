using System.Text.Json.Serialization;

namespace DeepNlp.Grading.Running;

/// <summary>How a planned cell ended, as the cells log records it. The first five mirror the engine's
/// <see cref="DeepNlp.Engine.Execution.CellStatus"/>; the rest are the grader's own. Written to the log as the member's
/// name (<see cref="None"/> as an empty string, see <see cref="LogWordConverter{T}"/>), as before this was an enum.</summary>
[JsonConverter(typeof(LogWordConverter<CellEventStatus>))]
internal enum CellEventStatus
{
    /// <summary>No status: <c>start</c> and <c>done</c> lines.</summary>
    [JsonStringEnumMemberName("")] None,

    /// <summary>Ran to completion.</summary>
    Ok,

    /// <summary>Did not compile.</summary>
    CompileError,

    /// <summary>Threw an exception.</summary>
    RuntimeError,

    /// <summary>Was interrupted.</summary>
    Interrupted,

    /// <summary>Ran past the per-cell limit.</summary>
    TimedOut,

    /// <summary>Killed an earlier attempt of the worker, so it was skipped.</summary>
    Crashed,

    /// <summary>The submission is not a notebook the grader can read.</summary>
    Malformed,

    /// <summary>Not run: a directive or a forbidden call that blocks the cell.</summary>
    Refused,

    /// <summary>A forbidden call that zeroes the questions it affects but does not stop the cell.</summary>
    Forbidden,
}
