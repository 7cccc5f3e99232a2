namespace Course.Cli;

/// <summary>Finds notebooks under a path and maps them to output paths.</summary>
internal static class NotebookFiles
{
    /// <summary>The .ipynb files at <paramref name="path"/> (a file, or a folder searched recursively), sorted.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static IReadOnlyList<string> Find(string path)
    {
        if (File.Exists(path)) return [Path.GetFullPath(path)];
        if (!Directory.Exists(path)) throw new FileNotFoundException($"no notebook or folder at '{path}'", path);
        return Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is ".ipynb_checkpoints" or "bin" or "obj" or "node_modules"))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Where the executed copy of <paramref name="notebook"/> goes: the same relative path under <paramref name="outDir"/>.</summary>
    public static string OutputPath(string notebook, string outDir, string baseDir)
    {
        var relative = Path.GetRelativePath(baseDir, notebook);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) relative = Path.GetFileName(notebook);
        return Path.GetFullPath(Path.Combine(outDir, relative));
    }

    /// <summary>The path shown to users: relative to the current directory when inside it.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
