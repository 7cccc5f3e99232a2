using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Authoring;

/// <summary>Makes the student version of a lab: <c>course assign LAB --out DIR</c>.</summary>
/// <remarks>
/// Solution regions become <c>throw new NotImplementedException("TODO text")</c>, written answers become a placeholder,
/// instructor cells are dropped, outputs and execution counts are cleared, and the hidden-test file is not copied.
/// Cell ids and metadata (including the <c>grading</c> metadata the grader matches on) are kept. The same lab always
/// gives the same bytes, so the assigned notebook can be committed and diffed.
/// </remarks>
public static class StudentVersion
{
    /// <summary>Builds the student notebook of <paramref name="lab"/> as bytes.</summary>
    /// <param name="lab">A loaded lab.</param>
    /// <returns>UTF-8 nbformat JSON.</returns>
    public static byte[] Build(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var nb = Lab.CloneNotebook(lab.Notebook);
        var cells = NotebookJson.Cells(nb);
        var keep = new JsonArray();
        string name = System.IO.Path.GetFileName(lab.Path);
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = (JsonObject)cells[i]!;
            var info = lab.Cells[i];
            if (info.Kind == LabCellKind.Instructor) continue;
            if (info.Kind == LabCellKind.Solution)
                NotebookJson.SetSource(cell, SolutionRegions.Strip(info.Source, markdown: false, $"{name}: {info.Where}"));
            if (info.Kind == LabCellKind.Written)
                NotebookJson.SetSource(cell, SolutionRegions.Strip(info.Source, markdown: true, $"{name}: {info.Where}"));
            if (info.CellType == "code")
            {
                cell["outputs"] = new JsonArray();
                cell["execution_count"] = null;
            }
            cells[i] = null;
            keep.Add(cell);
        }
        nb["cells"] = keep;
        return NotebookJson.ToBytes(nb);
    }

    /// <summary>Writes the student version into <paramref name="outDir"/> under the lab's file name (atomically).</summary>
    /// <param name="labPath">The solution notebook.</param>
    /// <param name="outDir">Destination folder (created if missing); must not be the lab's own folder.</param>
    /// <returns>The written path.</returns>
    /// <exception cref="LabFormatException">The lab is malformed.</exception>
    /// <exception cref="ArgumentException">The destination is the lab's folder (the solution would be overwritten).</exception>
    public static string Assign(string labPath, string outDir)
    {
        var lab = Lab.Load(labPath);
        string dir = System.IO.Path.GetFullPath(outDir);
        if (string.Equals(dir.TrimEnd('/', '\\'), System.IO.Path.GetDirectoryName(lab.Path), StringComparison.Ordinal))
            throw new ArgumentException($"--out {outDir} is the lab's own folder: the solution would be overwritten", nameof(outDir));
        string target = System.IO.Path.Combine(dir, System.IO.Path.GetFileName(lab.Path));
        AtomicFile.WriteAllBytes(target, Build(lab));
        return target;
    }
}
