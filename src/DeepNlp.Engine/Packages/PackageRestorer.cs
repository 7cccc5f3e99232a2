using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Execution;
using DeepNlp.Engine.Processes;

namespace DeepNlp.Engine.Packages;

/// <summary>Restores NuGet packages for <c>#r "nuget:"</c> with the SDK's own restore, through a generated project.</summary>
/// <remarks>
/// The project lives in a cache folder keyed by the package set and sources, so a second session asking for the same
/// packages reuses the restore without starting <c>dotnet</c>. Runtime assemblies come from the project's
/// <c>project.assets.json</c> (transitive packages included, resolved for net10.0), read from the global packages folder.
/// Sources are the user's NuGet configuration plus <c>#i</c> sources.
/// </remarks>
internal sealed class PackageRestorer(string cacheDirectory)
{
    private const string TargetFramework = "net10.0";

    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "deepnlp-course", "nuget");
    }

    /// <summary>Restores <paramref name="packages"/> together and returns every package of the resolved graph.</summary>
    /// <exception cref="PackageRestoreException">The restore failed; the message carries NuGet's errors.</exception>
    public async Task<IReadOnlyList<RestoredPackage>> RestoreAsync(
        IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var project = ProjectText(packages, sources);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(project)))[..16].ToLowerInvariant();
        var dir = Path.Combine(cacheDirectory, key);
        var assets = Path.Combine(dir, "obj", "project.assets.json");
        var done = Path.Combine(dir, "restored.ok");
        if (!File.Exists(done) || !File.Exists(assets))
        {
            Directory.CreateDirectory(dir);
            // Empty props files stop MSBuild from importing any Directory.Build.props / Directory.Packages.props above the cache.
            await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Build.props"), "<Project />\n", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Packages.props"), "<Project />\n", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "restore.csproj"), project, cancellationToken);
            File.Delete(done);
            var (exit, output) = await RunDotnetAsync(dir, cancellationToken);
            if (exit != 0) throw new PackageRestoreException(Summarise(output, packages));
            await File.WriteAllTextAsync(done, DateTime.UtcNow.ToString("O"), cancellationToken);
        }
        return ReadAssets(await File.ReadAllTextAsync(assets, cancellationToken));
    }

    private static string ProjectText(IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources)
    {
        var text = new StringBuilder();
        text.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        text.AppendLine("  <PropertyGroup>");
        text.AppendLine($"    <TargetFramework>{TargetFramework}</TargetFramework>");
        text.AppendLine("    <NuGetAudit>false</NuGetAudit>");
        text.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        if (sources.Count > 0)
            text.AppendLine($"    <RestoreAdditionalProjectSources>{System.Security.SecurityElement.Escape(string.Join(';', sources))}</RestoreAdditionalProjectSources>");
        text.AppendLine("  </PropertyGroup>");
        text.AppendLine("  <ItemGroup>");
        foreach (var p in packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
            text.AppendLine($"    <PackageReference Include=\"{System.Security.SecurityElement.Escape(p.Id)}\" Version=\"{System.Security.SecurityElement.Escape(p.Version ?? "*")}\" />");
        text.AppendLine("  </ItemGroup>");
        text.AppendLine("</Project>");
        return text.ToString();
    }

    private static async Task<(int Exit, string Output)> RunDotnetAsync(string dir, CancellationToken cancellationToken)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "restore", "restore.csproj", "--nologo", "-v", "q", "-p:TreatWarningsAsErrors=false" }) start.ArgumentList.Add(arg);
        // The restore is its own build: it must not inherit the caller's MSBuild node or test-host settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        try
        {
            return await ProcessRunner.RunAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            throw new PackageRestoreException("could not start 'dotnet restore'");
        }
    }

    private static string Summarise(string output, IReadOnlyList<PackageRequest> packages)
    {
        var errors = output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            .Select(l =>
            {
                // "…/restore.csproj : error NU1101: Unable to find package X. …  [/path/restore.csproj]" -> the NuGet part
                var at = l.IndexOf("error ", StringComparison.Ordinal);
                var text = at >= 0 ? l[at..] : l;
                var bracket = text.LastIndexOf(" [", StringComparison.Ordinal);
                return bracket > 0 ? text[..bracket] : text;
            })
            .Distinct()
            .ToList();
        var names = string.Join(", ", packages.Select(p => p.Version is null ? p.Id : $"{p.Id} {p.Version}"));
        return errors.Count == 0
            ? $"restoring {names} failed:\n{output.Trim()}"
            : $"restoring {names} failed:\n{string.Join('\n', errors)}";
    }

    private static IReadOnlyList<RestoredPackage> ReadAssets(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var packageFolder = root["packageFolders"]!.AsObject().First().Key;
        var libraries = root["libraries"]!.AsObject();
        var target = root["targets"]!.AsObject().First(t => !t.Key.Contains('/')).Value!.AsObject();
        var result = new List<RestoredPackage>();
        foreach (var (name, entry) in target)
        {
            if (entry?["type"]?.GetValue<string>() != "package") continue;
            var libraryPath = libraries[name]?["path"]?.GetValue<string>() ?? name.ToLowerInvariant();
            var runtime = entry["runtime"] as JsonObject;
            var assemblies = runtime is null
                ? []
                : runtime.Select(r => r.Key)
                    .Where(k => k.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    .Select(k => Path.GetFullPath(Path.Combine(packageFolder, libraryPath, k)))
                    .ToList();
            var slash = name.IndexOf('/');
            result.Add(new RestoredPackage(name[..slash], name[(slash + 1)..], assemblies));
        }
        return result;
    }
}
