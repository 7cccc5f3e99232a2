using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Compilation;

/// <summary>The next cell's submission, prepared while the session waits for it: an empty submission after the current
/// state, with its references already bound; the cell's code replaces the empty body when it arrives.</summary>
/// <remarks>
/// <para>Why: a new submission binds its ~45 framework references to assembly symbols before anything else, 1.2–2 ms
/// of a trivial cell's 7–9 ms on the 2-core VM, and none of that depends on the cell's code. Roslyn keeps a compilation's
/// bound references when only its syntax tree changes (<c>ReplaceSyntaxTree</c>, as long as neither tree has <c>#r</c>
/// directives; the engine blanks those), so the binding is done ahead, on the thread pool, while the person types.</para>
/// <para>When: <see cref="Execution.NotebookSessionOptions.PrepareDelay"/> after the cell, not at once. Right after a cell the
/// front end is still answering it, and on two cores a binding started then delays that answer by about what it saves
/// later: a timeline of the kernel (client and kernel stamps on one monotonic clock) had the execute_reply and the idle
/// status reach the client 1.2–2.1 ms after the kernel sent them with the binding started at once, and 0.3–0.5 ms
/// with it started later. A cell that arrives before the binding has started (Run All, <c>course run</c>) claims the
/// preparation and binds its references itself, exactly as without it, instead of waiting for the timer; one that
/// arrives while it runs waits for it.</para>
/// <para>It serves only the state and the references it was prepared for (a cell whose directives add references, or
/// the fall-back to every framework assembly, compiles the ordinary way), and only once: its assembly name becomes the
/// loaded submission's, and two loaded submissions must not share a name. The session drops it as it hands it to a
/// cell, so a used one is never offered again.</para>
/// </remarks>
internal sealed class PreboundSubmission
{
    private const int Waiting = 0, Started = 1, Claimed = 2;

    private readonly SubmissionCompiler _compiler;
    private readonly CSharpCompilation _previous;
    private readonly object _sessionReferences;
    private readonly IReadOnlyList<MetadataReference> _submissionReferences;
    private readonly TaskCompletionSource<CSharpCompilation?> _empty = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer? _timer;
    private int _stage = Waiting;

    /// <summary>Schedules preparing the submission after <paramref name="previous"/> on the thread pool.</summary>
    /// <param name="compiler">The session's compiler.</param>
    /// <param name="previous">The submission the next cell continues.</param>
    /// <param name="sessionReferences">The session's reference list now (compared by identity: the session replaces
    /// the list when it adds a reference, which invalidates the preparation).</param>
    /// <param name="submissionReferences">What the next submission is given (the references added since
    /// <paramref name="previous"/>, if any).</param>
    /// <param name="delay">How long to wait before starting (zero: at once).</param>
    public PreboundSubmission(SubmissionCompiler compiler, CSharpCompilation previous, object sessionReferences,
        IReadOnlyList<MetadataReference> submissionReferences, TimeSpan delay)
    {
        _compiler = compiler;
        _previous = previous;
        _sessionReferences = sessionReferences;
        _submissionReferences = submissionReferences;
        if (delay <= TimeSpan.Zero)
        {
            // At once: started already, so a cell that comes straight away waits for it instead of claiming it.
            _stage = Started;
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Bind(), this, preferLocal: false);
        }
        else
        {
            // A timer rather than Task.Delay: nothing waits on a thread meanwhile, and Claim can cancel it.
            _timer = new Timer(static self => ((PreboundSubmission)self!).StartBinding(), this, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Completes when the preparation has bound its submission (null: it failed); never if it was claimed
    /// before it started.</summary>
    public Task<CSharpCompilation?> Prepared => _empty.Task;

    private void StartBinding()
    {
        if (Interlocked.CompareExchange(ref _stage, Started, Waiting) == Waiting) Bind();
    }

    private void Bind()
    {
        try
        {
            _empty.SetResult(_compiler.Create("", "", _previous, _submissionReferences));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a shortcut: the cell compiles the ordinary way.
            _empty.SetResult(null);
        }
    }

    /// <summary>True when this preparation serves the cell after <paramref name="previous"/> with the session's
    /// reference list <paramref name="sessionReferences"/>.</summary>
    public bool Fits(CSharpCompilation? previous, object sessionReferences) =>
        ReferenceEquals(previous, _previous) && ReferenceEquals(sessionReferences, _sessionReferences);

    /// <summary>Takes the preparation away from its timer: one that has not started never will; one that has started
    /// runs to its end.</summary>
    /// <returns>True when the preparation had started (or finished), so its result is worth waiting for; false when
    /// it never will (claimed now or before).</returns>
    public bool Claim()
    {
        var stage = Interlocked.CompareExchange(ref _stage, Claimed, Waiting);
        if (stage == Waiting) _timer?.Dispose();
        return stage == Started;
    }

    /// <summary>The submission of <paramref name="tree"/> after <paramref name="previous"/>, built on the prepared
    /// compilation (<c>ReplaceSyntaxTree</c> keeps its bound references); null when the preparation had not started
    /// (see <see cref="Claim"/>), does not fit (another predecessor, changed references) or failed.</summary>
    /// <param name="previous">The submission the cell continues.</param>
    /// <param name="sessionReferences">The session's reference list now.</param>
    /// <param name="tree">The cell's code (directives blanked), parsed (<see cref="SubmissionCompiler.Parse"/>).</param>
    public CSharpCompilation? TryCreate(CSharpCompilation? previous, object sessionReferences, SyntaxTree tree)
    {
        if (!Claim() || !Fits(previous, sessionReferences)) return null;
        if (_empty.Task.GetAwaiter().GetResult() is not { } empty) return null;
        return empty.ReplaceSyntaxTree(empty.SyntaxTrees.Single(), tree);
    }
}
