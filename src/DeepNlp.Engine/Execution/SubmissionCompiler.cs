using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Engine.Execution;

/// <summary>Compiles a submission into the code that runs it and returns its errors, without a second pass for warnings.</summary>
/// <remarks>Why: <c>Script.Compile</c> emits and loads the submission, then asks the compilation for all its diagnostics
/// again to return the warnings, which binds every method body a second time. The engine shows errors only, so it calls
/// the step underneath, Roslyn's internal <c>Script&lt;T&gt;.GetExecutor</c> (what <c>Compile</c> and <c>RunAsync</c>
/// both use; it caches the loaded entry point for the run), saving a few tenths of a millisecond of a trivial cell.
/// Roslyn's version is pinned; if a later one changes that method, the engine falls back to <c>Script.Compile</c> and
/// a test says so.</remarks>
internal static class SubmissionCompiler
{
    private static readonly Func<Script<object>, CancellationToken, Func<object[], Task<object>>>? GetExecutor = Bind();

    /// <summary>True when this Roslyn build lets the engine skip the warnings pass.</summary>
    public static bool IsAvailable => GetExecutor is not null;

    /// <summary>Emits and loads <paramref name="script"/> (ready for <c>RunAsync</c>/<c>RunFromAsync</c>) and returns its errors.</summary>
    /// <param name="script">The submission.</param>
    /// <param name="cancellationToken">Stops the compilation.</param>
    /// <returns>The errors; empty when the submission compiled.</returns>
    public static List<Diagnostic> Errors(Script<object> script, CancellationToken cancellationToken)
    {
        if (GetExecutor is null) return OnlyErrors(script.Compile(cancellationToken));
        try
        {
            GetExecutor(script, cancellationToken);
            return [];
        }
        catch (CompilationErrorException e)
        {
            return OnlyErrors(e.Diagnostics);
        }
    }

    private static List<Diagnostic> OnlyErrors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static Func<Script<object>, CancellationToken, Func<object[], Task<object>>>? Bind()
    {
        var method = typeof(Script<object>).GetMethod("GetExecutor", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(CancellationToken)]);
        if (method?.ReturnType != typeof(Func<object[], Task<object>>)) return null;
        return method.CreateDelegate<Func<Script<object>, CancellationToken, Func<object[], Task<object>>>>();
    }
}
