using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Compilation;

/// <summary>Binds a compilation's references to assembly symbols one compilation at a time in the whole process.</summary>
/// <remarks>
/// <para>Why: Roslyn keeps the assembly symbols it creates for a metadata reference in a cache shared by every compilation
/// that uses the same reference objects (the framework's are shared by all sessions, <see cref="FrameworkReferences"/>),
/// and a later compilation with a compatible set of references reuses what it finds there. Two compilations that bind
/// at the same moment each create their own symbols (their own <c>System.Object</c>, <c>List&lt;T&gt;</c>, ...), and the
/// cache keeps one of the two. A script chain started on the other one breaks at its next submission whose references
/// differ (a <c>#r</c>, the fall-back to every framework assembly, a completion request): that submission binds
/// afresh, picks the cached symbols, and sees the earlier cells' types as foreign. A <c>List&lt;string&gt;</c> from an
/// earlier cell then no longer converts to <c>IEnumerable&lt;T&gt;</c>, and LINQ's extension methods vanish (CS0411).</para>
/// <para>That happens when sessions in one process start together (the test suites, a host running several notebooks)
/// or when a completion request arrives while the session's first cell compiles. Binding under one lock makes every
/// compilation find the symbols the one before it made; binding happens once per compilation and is fast when the
/// references are unchanged, so the lock costs nothing measurable on a cell's path.</para>
/// </remarks>
internal static class ReferenceBinding
{
    private static readonly Lock Gate = new();

    /// <summary>Binds <paramref name="compilation"/>'s references now, under the process-wide lock.</summary>
    /// <param name="compilation">A compilation that nothing has bound yet (binding later is a no-op).</param>
    public static void Bind(CSharpCompilation compilation)
    {
        lock (Gate) _ = compilation.Assembly;
    }
}
