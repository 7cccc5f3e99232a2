using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Engine.Execution;

/// <summary>Makes a script submission compile on the calling thread only (Roslyn's <c>concurrentBuild: false</c>).</summary>
/// <remarks>
/// <para>Why: Roslyn's scripting API always compiles with concurrent build on, which hands a cell's declarations and
/// method bodies to thread-pool tasks. A notebook cell is a few lines, so that only adds task hand-offs and thread
/// wake-ups: compiling and emitting a trivial submission takes about 5.5 ms concurrently and 3.5 ms sequentially here
/// (2-core VM), a third of a trivial cell's whole cost.</para>
/// <para>How: the scripting API offers no option for it, so the submission's compilation is replaced by the same
/// compilation with sequential build before anything is compiled (<see cref="ScriptCompilationOverride"/>).</para>
/// </remarks>
internal static class SequentialBuild
{
    /// <summary>True when this Roslyn build lets the engine switch concurrent build off.</summary>
    public static bool IsAvailable => ScriptCompilationOverride.IsAvailable;

    /// <summary>Switches <paramref name="script"/>'s compilation to sequential build; call before compiling it.</summary>
    /// <returns>The script, for chaining.</returns>
    public static Script<T> Apply<T>(Script<T> script)
    {
        if (!IsAvailable) return script;
        var compilation = script.GetCompilation();
        if (compilation.Options.ConcurrentBuild)
            ScriptCompilationOverride.TrySet(script, compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)));
        return script;
    }
}
