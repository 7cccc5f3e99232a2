using System.Text.Json.Serialization;

namespace DeepNlp.Grading.Running;

/// <summary>What a step of the grading plan is. Written to the cells log as the lower-case word shown on each member
/// (<see cref="None"/> as an empty string), as before this was an enum.</summary>
[JsonConverter(typeof(LogWordConverter<PlannedCellKind>))]
internal enum PlannedCellKind
{
    /// <summary>No cell (the <c>done</c> line).</summary>
    [JsonStringEnumMemberName("")] None,

    /// <summary>The lab's setup cell.</summary>
    [JsonStringEnumMemberName("setup")] Setup,

    /// <summary>Code the lab provides (and the graded functions' delegate types).</summary>
    [JsonStringEnumMemberName("provided")] Provided,

    /// <summary>A cell of the student's submission.</summary>
    [JsonStringEnumMemberName("student")] Student,

    /// <summary>The export of a graded function the student wrote.</summary>
    [JsonStringEnumMemberName("export")] Export,

    /// <summary>Stubs of the graded functions on the tests' branch.</summary>
    [JsonStringEnumMemberName("stubs")] Stubs,

    /// <summary>A tests cell of the lab.</summary>
    [JsonStringEnumMemberName("tests")] Tests,

    /// <summary>A chunk of the instructor's hidden tests.</summary>
    [JsonStringEnumMemberName("hidden")] Hidden,

    /// <summary>Step with no code: mark the session (start of the student's branch).</summary>
    [JsonStringEnumMemberName("mark")] Mark,

    /// <summary>Step with no code: restore the mark (start of the tests' branch).</summary>
    [JsonStringEnumMemberName("restore")] Restore,

    /// <summary>Step with no code: the test run.</summary>
    [JsonStringEnumMemberName("run")] Run,
}
