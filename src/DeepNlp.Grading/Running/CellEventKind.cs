using System.Text.Json.Serialization;

namespace DeepNlp.Grading.Running;

/// <summary>What a line of the worker's cells log records. Written to the log as the lower-case word shown on each member,
/// as before this was an enum, so logs of a resumed grading run still read.</summary>
[JsonConverter(typeof(LogWordConverter<CellEventKind>))]
internal enum CellEventKind
{
    /// <summary><c>start</c>: a planned cell is about to run.</summary>
    [JsonStringEnumMemberName("start")] Start,

    /// <summary><c>end</c>: a planned cell finished (or was skipped); its status says how.</summary>
    [JsonStringEnumMemberName("end")] End,

    /// <summary><c>violation</c>: the forbidden-call check found a call in a student cell.</summary>
    [JsonStringEnumMemberName("violation")] Violation,

    /// <summary><c>done</c>: the whole plan has run.</summary>
    [JsonStringEnumMemberName("done")] Done,
}
