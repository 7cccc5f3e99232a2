namespace DeepNlp.Grading.Authoring;

/// <summary>The role a cell plays in a lab.</summary>
/// <remarks>Set in the cell's metadata as <c>"grading": {"kind": "tests", ...}</c>, or recognized from the source (see <see cref="Lab"/>).</remarks>
public enum LabCellKind
{
    /// <summary>Ordinary cell: prose, or code every version keeps as is.</summary>
    Plain,

    /// <summary>The setup cell (<c>#r</c> of the kit, usings); the grader always runs the lab's own copy first.</summary>
    Setup,

    /// <summary>Code with <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c> regions the student fills in.</summary>
    Solution,

    /// <summary>Visible tests of one question (<c>Grader.Test</c> registrations and a <c>Grader.Check</c>); the grader uses the lab's copy.</summary>
    Tests,

    /// <summary>A markdown written answer, collected for manual grading.</summary>
    Written,

    /// <summary>Instructor-only cell, removed from the student version.</summary>
    Instructor,

    /// <summary>Code the lab provides (helpers, classes) that tests may use: the grader always runs the lab's copy, before
    /// the student's cells and the tests. A code cell that only declares methods and types is one without metadata.</summary>
    Provided,
}
