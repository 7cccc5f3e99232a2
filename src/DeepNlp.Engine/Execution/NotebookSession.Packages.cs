using DeepNlp.Engine.Packages;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Engine.Execution;

public sealed partial class NotebookSession
{
    /// <summary>Packages whose job the engine does itself; <c>#r</c> on them reports that and loads nothing.</summary>
    private static readonly IReadOnlySet<string> BuiltInPackages =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Plotly.NET.Interactive", "Microsoft.DotNet.Interactive" };

    private async Task AddPackagesAsync(CellDirectives directives, CancellationToken cancellationToken)
    {
        foreach (var source in directives.PackageSources)
            if (!_packageSources.Contains(source)) _packageSources.Add(source);

        var fresh = new List<PackageRequest>();
        foreach (var request in directives.Packages)
        {
            if (BuiltInPackages.Contains(request.Id))
            {
                WriteStream(StreamName.Stdout, $"{request.Id} is built into the course kit engine: charts and displays work without it.\n");
                continue;
            }
            if (_requestedPackages.TryGetValue(request.Id, out var earlier) || _loadedPackages.ContainsKey(request.Id))
            {
                var loaded = _loadedPackages.GetValueOrDefault(request.Id) ?? earlier?.Version;
                if (request.Version is null || string.Equals(request.Version, loaded, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(request.Version, earlier?.Version, StringComparison.OrdinalIgnoreCase))
                    continue;
                throw new PackageRestoreException(
                    $"line {request.Line}: package {request.Id} {request.Version} cannot be loaded: version {loaded} is already loaded in this session (assemblies cannot be unloaded; restart the kernel to switch versions)");
            }
            fresh.Add(request);
        }
        if (fresh.Count == 0) return;

        var all = _requestedPackages.Values.Concat(fresh).ToList();
        var restored = await _restorer.RestoreAsync(all, _packageSources, cancellationToken).ConfigureAwait(false);
        foreach (var package in restored)
            if (_loadedPackages.TryGetValue(package.Id, out var version) && !string.Equals(version, package.Version, StringComparison.OrdinalIgnoreCase))
                throw new PackageRestoreException(
                    $"adding {string.Join(", ", fresh.Select(f => f.Id))} needs {package.Id} {package.Version}, but {version} is already loaded (restart the kernel and restore them together in one cell)");

        var references = new List<MetadataReference>();
        foreach (var package in restored)
        {
            _loadedPackages[package.Id] = package.Version;
            foreach (var dll in package.Assemblies)
                if (_referencedPaths.Add(dll))
                {
                    references.Add(CreateReference(dll));
                    lock (_probeFolders)
                        if (!_probeFolders.Contains(Path.GetDirectoryName(dll)!)) _probeFolders.Add(Path.GetDirectoryName(dll)!);
                }
        }
        foreach (var request in fresh) _requestedPackages[request.Id] = request;
        AddReferences(references);
        var names = fresh.Select(f => $"{f.Id} {_loadedPackages.GetValueOrDefault(f.Id, f.Version ?? "")}");
        WriteStream(StreamName.Stdout, $"Installed packages: {string.Join(", ", names)}\n");
    }
}
