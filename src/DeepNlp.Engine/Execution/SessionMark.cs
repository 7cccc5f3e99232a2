using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Engine.Execution;

/// <summary>A point in a session's chain of cells that later cells can branch from (<see cref="NotebookSession.Mark"/>,
/// <see cref="NotebookSession.Restore"/>).</summary>
/// <remarks>The grader uses it to run the student's cells on one branch and the tests on another, both continuing from
/// the lab's own setup and provided cells, so that nothing the student declares is in scope in a test. Roslyn supports
/// this directly: a script state can be continued more than once, and each continuation gets a copy of the submissions
/// before it (the shared prefix's types and helpers are the same objects on both branches).</remarks>
internal sealed class SessionMark
{
    internal SessionMark(ScriptState<object>? state, ScriptOptions options, IReadOnlyList<MetadataReference> referencesSinceState,
        bool allFramework)
    {
        State = state;
        Options = options;
        ReferencesSinceState = referencesSinceState;
        AllFramework = allFramework;
    }

    internal ScriptState<object>? State { get; }

    internal ScriptOptions Options { get; }

    internal IReadOnlyList<MetadataReference> ReferencesSinceState { get; }

    internal bool AllFramework { get; }
}
