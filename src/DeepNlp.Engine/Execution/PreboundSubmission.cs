using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace DeepNlp.Engine.Execution;

/// <summary>The next cell's submission, prepared while the session waits for it: an empty submission after the current
/// state, with its references already bound; the cell's code replaces the empty body when it arrives.</summary>
/// <remarks>
/// <para>Why: a new submission binds its ~45 framework references to assembly symbols before anything else, 1.2–1.4 ms
/// of a trivial cell's ~7 ms on the 2-core VM, and none of that depends on the cell's code. Roslyn keeps a compilation's
/// bound references when only its syntax tree changes (<c>ReplaceSyntaxTree</c>, as long as neither tree has <c>#r</c>
/// directives; the engine blanks those), so the binding is done ahead, on the thread pool, right after the previous cell:
/// while a kernel sends its reply and the person types.</para>
/// <para>It serves only the state and the references it was prepared for (a cell whose directives add references, or
/// the fall-back to every framework assembly, compiles the ordinary way), and only once: its assembly name becomes the
/// loaded submission's, and two loaded submissions must not share a name. The session drops it as it hands it to a
/// cell, so a used one is never offered again.</para>
/// </remarks>
internal sealed class PreboundSubmission
{
    private readonly ScriptState<object> _previous;
    private readonly ScriptOptions _sessionOptions;
    private readonly Task<Compilation?> _empty;

    private PreboundSubmission(ScriptState<object> previous, ScriptOptions sessionOptions, Task<Compilation?> empty)
    {
        _previous = previous;
        _sessionOptions = sessionOptions;
        _empty = empty;
    }

    /// <summary>Starts preparing the submission after <paramref name="previous"/> in the background.</summary>
    /// <param name="previous">The session's state the next cell continues.</param>
    /// <param name="sessionOptions">The session's options now; a later change (a new reference) invalidates the preparation.</param>
    /// <param name="submissionOptions">What the next submission is compiled with (the references added since
    /// <paramref name="previous"/>, if any).</param>
    /// <returns>The preparation, or null when this Roslyn build does not allow it (<see cref="ScriptCompilationOverride"/>).</returns>
    public static PreboundSubmission? Start(ScriptState<object> previous, ScriptOptions sessionOptions, ScriptOptions submissionOptions)
    {
        if (!ScriptCompilationOverride.IsAvailable) return null;
        return new(previous, sessionOptions, Task.Run(() => Prepare(previous, submissionOptions)));
    }

    private static Compilation? Prepare(ScriptState<object> previous, ScriptOptions options)
    {
        try
        {
            return NotebookSession.NextSubmission(previous, "", options).GetCompilation();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a shortcut: the cell compiles the ordinary way.
            return null;
        }
    }

    /// <summary>True when this preparation serves the cell after <paramref name="previous"/> with the session's options
    /// <paramref name="sessionOptions"/>.</summary>
    public bool Fits(ScriptState<object>? previous, ScriptOptions sessionOptions) =>
        ReferenceEquals(previous, _previous) && ReferenceEquals(sessionOptions, _sessionOptions);

    /// <summary>The submission of <paramref name="code"/> after <paramref name="previous"/>, built on the prepared
    /// compilation; null when the preparation does not fit (another state, changed options, failed).</summary>
    /// <param name="previous">The state the cell continues.</param>
    /// <param name="sessionOptions">The session's options now.</param>
    /// <param name="code">The cell's code (directives blanked).</param>
    /// <param name="options">The cell's submission options, with its file path.</param>
    public Script<object>? TryCreate(ScriptState<object>? previous, ScriptOptions sessionOptions, string code, ScriptOptions options)
    {
        if (!Fits(previous, sessionOptions)) return null;
        if (_empty.GetAwaiter().GetResult() is not { } empty) return null;

        var emptyTree = empty.SyntaxTrees.Single();
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(code, emptyTree.Encoding), (CSharpParseOptions)emptyTree.Options, options.FilePath);
        var script = _previous.Script.ContinueWith(code, options);
        return ScriptCompilationOverride.TrySet(script, empty.ReplaceSyntaxTree(emptyTree, tree)) ? script : null;
    }
}
