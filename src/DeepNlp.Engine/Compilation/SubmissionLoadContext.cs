using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace DeepNlp.Engine.Compilation;

/// <summary>The load context a session's submissions live in; everything else they use comes from the default context.</summary>
/// <remarks>A submission refers to its predecessors by assembly name, so the context answers those names with the
/// submissions it has loaded; for any other name it answers null, which sends the runtime to the default context (and
/// its resolver for <c>#r</c> folders, see <see cref="Execution.NotebookSession"/>). Submissions are never unloaded: a
/// later cell, or an object a cell handed out, may still use them.</remarks>
internal sealed class SubmissionLoadContext() : AssemblyLoadContext("notebook cells", isCollectible: false)
{
    private readonly ConcurrentDictionary<string, Assembly> _submissions = new(StringComparer.Ordinal);

    /// <summary>Loads an emitted submission from <paramref name="image"/> (positioned at its start).</summary>
    public Assembly LoadSubmission(Stream image)
    {
        var assembly = LoadFromStream(image);
        _submissions[assembly.GetName().Name!] = assembly;
        return assembly;
    }

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is { } name && _submissions.TryGetValue(name, out var assembly) ? assembly : null;
}
