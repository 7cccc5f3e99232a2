using DeepNlp.Engine.Compilation;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Engine.Execution;

/// <summary>A point in a session's chain of cells that later cells can branch from (<see cref="NotebookSession.Mark"/>,
/// <see cref="NotebookSession.Restore"/>).</summary>
/// <remarks>The grader uses it to run the student's cells on one branch and the tests on another, both continuing from
/// the lab's own setup and provided cells, so that nothing the student declares is in scope in a test. A submission can
/// be continued more than once, and each branch gets its own copy of the submission array (<see cref="SubmissionChain.Fork"/>):
/// the shared prefix's types and helpers are the same objects on both branches.</remarks>
internal sealed class SessionMark
{
    internal SessionMark(SubmissionChain chain, IReadOnlyList<MetadataReference> references, IReadOnlyList<MetadataReference> referencesSinceState,
        bool allFramework)
    {
        Chain = chain;
        References = references;
        ReferencesSinceState = referencesSinceState;
        AllFramework = allFramework;
    }

    internal SubmissionChain Chain { get; }

    internal IReadOnlyList<MetadataReference> References { get; }

    internal IReadOnlyList<MetadataReference> ReferencesSinceState { get; }

    internal bool AllFramework { get; }
}
