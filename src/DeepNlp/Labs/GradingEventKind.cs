using System.Text.Json.Serialization;

namespace DeepNlp.Labs;

/// <summary>What a line of the grading results log records. Written to the log as the lower-case word shown on each
/// member, the format the autograder has always read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradingEventKind>))]
public enum GradingEventKind
{
    /// <summary><c>start</c>: a test is about to run.</summary>
    [JsonStringEnumMemberName("start")] Start,

    /// <summary><c>end</c>: a test finished (passed or not).</summary>
    [JsonStringEnumMemberName("end")] End,

    /// <summary><c>done</c>: every test has run.</summary>
    [JsonStringEnumMemberName("done")] Done,
}
