using System.Text;
using System.Text.RegularExpressions;

namespace DeepNlp.Engine.Execution;

/// <summary>A cell's .NET Interactive directives, taken out of its source (lines blanked, so offsets and line numbers stay).</summary>
internal sealed record CellDirectives(
    string Code,
    bool Time,
    IReadOnlyList<PackageRequest> Packages,
    IReadOnlyList<string> PackageSources,
    IReadOnlyList<(string Path, int Line)> AssemblyPaths,
    CellError? Error)
{
    private static readonly Regex ReferenceLine = new(@"^\s*#r\s+""(?<arg>[^""]*)""\s*(//.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex IncludeLine = new(@"^\s*#i\s+""(?<arg>[^""]*)""\s*(//.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex MagicLine = new(@"^\s*#!(?<name>\S+)(?<rest>.*)$", RegexOptions.CultureInvariant);

    /// <summary>The subkernel names .NET Interactive accepts for C#.</summary>
    public static readonly IReadOnlySet<string> CSharpAliases = new HashSet<string>(StringComparer.Ordinal) { "csharp", "c#", "C#" };

    /// <summary>Splits directives from code.</summary>
    /// <param name="source">The cell as written.</param>
    /// <param name="baseDirectory">Folder that relative #r paths resolve against.</param>
    public static CellDirectives Parse(string source, string baseDirectory)
    {
        var lines = source.Split('\n');
        var code = new StringBuilder(source.Length);
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        var paths = new List<(string, int)>();
        var time = false;
        CellError? error = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var handled = true;
            if (MagicLine.Match(line) is { Success: true } magic)
            {
                var name = magic.Groups["name"].Value;
                if (CSharpAliases.Contains(name) || name.Equals("csharp", StringComparison.OrdinalIgnoreCase)) { }
                else if (name == "time") time = true;
                else error ??= Fail(i, line.IndexOf("#!", StringComparison.Ordinal),
                    $"unsupported directive '#!{name}': the kit engine runs C# only (supported: #!csharp, #!c#, #!C#, #!time)");
            }
            else if (ReferenceLine.Match(line) is { Success: true } reference)
            {
                var arg = reference.Groups["arg"].Value.Trim();
                if (arg.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    if (PackageRequest.TryParse(arg["nuget:".Length..], out var request)) packages.Add(request with { Line = i + 1 });
                    else error ??= Fail(i, line.IndexOf('"'), $"cannot read '{arg}': expected #r \"nuget: Id, Version\" (version optional)");
                }
                else
                {
                    paths.Add((Path.GetFullPath(Path.Combine(baseDirectory, arg)), i + 1));
                }
            }
            else if (IncludeLine.Match(line) is { Success: true } include)
            {
                var arg = include.Groups["arg"].Value.Trim();
                if (arg.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var feed = arg["nuget:".Length..].Trim();
                    // A relative folder feed is relative to the notebook, like #r paths.
                    if (!feed.Contains("://", StringComparison.Ordinal) && !Path.IsPathRooted(feed))
                        feed = Path.GetFullPath(Path.Combine(baseDirectory, feed));
                    sources.Add(feed);
                }
                else error ??= Fail(i, line.IndexOf('"'), $"unsupported '#i \"{arg}\"': only #i \"nuget: SOURCE\" adds a package source");
            }
            else handled = false;

            // Blank a directive with spaces of the same length so every later offset is unchanged (completion needs that).
            var keep = line.EndsWith('\r') ? line[..^1] : line;
            code.Append(handled ? new string(' ', keep.Length) : keep);
            if (line.EndsWith('\r')) code.Append('\r');
            if (i < lines.Length - 1) code.Append('\n');
        }
        return new CellDirectives(code.ToString(), time, packages, sources, paths, error);
    }

    private static CellError Fail(int lineIndex, int column, string message) =>
        new("DirectiveError", message, [$"line {lineIndex + 1}, column {Math.Max(column, 0) + 1}: {message}"], lineIndex + 1, Math.Max(column, 0) + 1);
}
