using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Engine.Execution;

/// <summary>Gives a script submission a compilation of the engine's making before anything compiles it.</summary>
/// <remarks>Roslyn's scripting API creates a submission's compilation lazily and caches it in a private field; it offers
/// no way to choose sequential build (<see cref="SequentialBuild"/>) or to reuse bound references
/// (<see cref="PreboundSubmission"/>). Setting that field before the first <c>GetCompilation()</c> does both, and the next
/// submission builds on whatever the field holds, so the chain stays consistent. Roslyn's version is pinned
/// (Directory.Packages.props); if a later one renames the field, <see cref="IsAvailable"/> turns false, the engine
/// compiles as Roslyn does by default, and a test says so.</remarks>
internal static class ScriptCompilationOverride
{
    private static readonly FieldInfo? CachedCompilation =
        typeof(Script).GetField("_lazyCompilation", BindingFlags.Instance | BindingFlags.NonPublic) is { } field
        && field.FieldType == typeof(Compilation) ? field : null;

    /// <summary>True when this Roslyn build lets the engine set a submission's compilation.</summary>
    public static bool IsAvailable => CachedCompilation is not null;

    /// <summary>Makes <paramref name="compilation"/> the one <paramref name="script"/> compiles and runs.</summary>
    /// <returns>False (and nothing changed) when <see cref="IsAvailable"/> is false.</returns>
    public static bool TrySet(Script script, Compilation compilation)
    {
        if (CachedCompilation is null) return false;
        CachedCompilation.SetValue(script, compilation);
        return true;
    }
}
