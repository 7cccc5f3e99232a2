using System.Text.RegularExpressions;

namespace DeepNlp.Grading.Running;

/// <summary>Checks a student cell's directives before it runs while graded: grading never reaches the network and loads
/// no assembly from outside the kit.</summary>
/// <remarks>
/// <c>#r "nuget: Id"</c> becomes a reference to <c>Id.dll</c> from the kit's own folders (the folders of the lab's setup
/// <c>#r</c>, which hold the kit and every package it depends on), whatever version it names; a package the kit does not
/// carry fails the cell with a message saying so. <c>#i</c> (package sources) is refused. <c>#r "path.dll"</c> is allowed
/// only inside the kit's folders.
/// </remarks>
internal static partial class SubmissionDirectives
{
    [GeneratedRegex(@"^(\s*)#r\s+""nuget:\s*([^,""\s]+)[^""]*""\s*$")]
    private static partial Regex NuGet();

    [GeneratedRegex(@"^\s*#r\s+""([^""]+)""\s*$")]
    private static partial Regex AssemblyPath();

    [GeneratedRegex(@"^\s*#i\s")]
    private static partial Regex Source();

    /// <summary>The kit folders every setup cell of <paramref name="lab"/> references (see <see cref="KitFolders(string, string)"/>).</summary>
    public static List<string> KitFolders(DeepNlp.Grading.Authoring.Lab lab)
    {
        string labDirectory = Path.GetDirectoryName(lab.Path)!;
        return lab.Cells.Where(c => c.Kind == DeepNlp.Grading.Authoring.LabCellKind.Setup)
            .SelectMany(c => KitFolders(c.Source, labDirectory)).Distinct().ToList();
    }

    /// <summary>The kit folders the lab's setup cell references (<c>#r</c> paths resolved against the lab's folder).</summary>
    public static List<string> KitFolders(string setupSource, string labDirectory)
    {
        var folders = new List<string>();
        foreach (var line in setupSource.Split('\n'))
        {
            var m = AssemblyPath().Match(line.TrimEnd('\r'));
            if (!m.Success || m.Groups[1].Value.StartsWith("nuget:", StringComparison.Ordinal)) continue;
            string folder = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(labDirectory, m.Groups[1].Value)))!;
            if (!folders.Contains(folder)) folders.Add(folder);
        }
        return folders;
    }

    /// <summary>The cell's code with allowed directives rewritten, or the reason it may not run.</summary>
    public static (string Code, string? Refusal) Check(string code, IReadOnlyList<string> kitFolders, string labDirectory)
    {
        var lines = code.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (Source().IsMatch(line))
                return (code, $"line {i + 1}: #i (a package source) is not allowed while grading: grading has no network");
            var nuget = NuGet().Match(line);
            if (nuget.Success)
            {
                string id = nuget.Groups[2].Value;
                string? dll = kitFolders.Select(f => Path.Combine(f, id + ".dll")).FirstOrDefault(File.Exists);
                if (dll is null)
                    return (code, $"line {i + 1}: #r \"nuget: {id}\": grading has no network, and the kit does not carry {id}; "
                        + "use only the kit and the packages it ships");
                lines[i] = $"{nuget.Groups[1].Value}#r \"{dll}\"";
                continue;
            }
            var path = AssemblyPath().Match(line);
            if (path.Success)
            {
                string full = Path.GetFullPath(Path.Combine(labDirectory, path.Groups[1].Value));
                string folder = Path.GetDirectoryName(full)!;
                if (!kitFolders.Contains(folder))
                    return (code, $"line {i + 1}: #r \"{path.Groups[1].Value}\": only the kit's own assemblies may be loaded while grading");
            }
        }
        return (string.Join('\n', lines), null);
    }
}
