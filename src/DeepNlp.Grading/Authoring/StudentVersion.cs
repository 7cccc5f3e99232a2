using DeepNlp.Engine.Notebooks;
using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Authoring;

/// <summary>Makes the student version of a lab or a lecture: <c>course assign NOTEBOOK --out DIR</c>.</summary>
/// <remarks>
/// Solution regions become <c>throw new NotImplementedException("TODO text")</c>, written answers become a placeholder,
/// instructor cells are dropped, outputs and execution counts are cleared, and the hidden-test file is not copied.
/// Cell ids and metadata (including the <c>grading</c> metadata the grader matches on) are kept. The same lab always
/// gives the same bytes, so the assigned notebook can be committed and diffed.
/// A notebook without graded questions (no tests cell, no written-answer cell) is a lecture: every cell is kept except
/// instructor cells, and the regions of its exercises are stripped wherever they are, code or markdown.
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

    /// <summary>Builds the student notebook of a lecture: regions stripped in every cell, outputs cleared.</summary>
    /// <param name="path">The lecture notebook (named in error messages).</param>
    /// <param name="notebookText">Its nbformat JSON.</param>
    /// <returns>UTF-8 nbformat JSON.</returns>
    /// <exception cref="LabFormatException">The notebook is not nbformat JSON, or a region is malformed; the message names
    /// the file, cell and line.</exception>
    public static byte[] BuildLecture(string path, string notebookText)
    {
        ArgumentNullException.ThrowIfNull(notebookText);
        string name = System.IO.Path.GetFileName(path);
        var nb = NotebookJson.Parse(notebookText, name, LabFormatException.Create);
        var cells = NotebookJson.Cells(nb);
        var keep = new JsonArray();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell) throw new LabFormatException($"{name}: cell {i + 1} is not an object");
            cells[i] = null;
            if (NotebookJson.Grading(cell)?["kind"]?.GetValue<string>() is string kind
                && string.Equals(kind, nameof(LabCellKind.Instructor), StringComparison.OrdinalIgnoreCase)) continue;
            string type = NotebookJson.CellType(cell);
            string id = NotebookJson.Id(cell);
            string where = $"{name}: {(id.Length > 0 ? $"cell {i + 1} (id {id})" : $"cell {i + 1}")}";
            string source = NotebookJson.Source(cell);
            bool markdown = type == "markdown";
            if ((markdown || type == "code") && SolutionRegions.HasRegion(source, markdown))
                NotebookJson.SetSource(cell, SolutionRegions.Strip(source, markdown, where));
            if (type == "code")
            {
                cell["outputs"] = new JsonArray();
                cell["execution_count"] = null;
            }
            keep.Add(cell);
        }
        nb["cells"] = keep;
        return NotebookJson.ToBytes(nb);
    }

    /// <summary>True when the notebook has no graded questions (no tests cell and no written-answer cell): a lecture,
    /// which <see cref="Assign"/> strips with <see cref="BuildLecture"/> rather than loading as a lab.</summary>
    /// <param name="notebookText">The notebook's nbformat JSON.</param>
    /// <param name="name">The file name, for messages.</param>
    /// <exception cref="LabFormatException">The text is not nbformat JSON.</exception>
    public static bool IsLecture(string notebookText, string name)
    {
        var nb = NotebookJson.Parse(notebookText, name, LabFormatException.Create);
        foreach (var node in NotebookJson.Cells(nb))
        {
            if (node is not JsonObject cell) continue;
            string? kind = NotebookJson.Grading(cell)?["kind"]?.GetValue<string>();
            if (string.Equals(kind, nameof(LabCellKind.Tests), StringComparison.OrdinalIgnoreCase)
                || string.Equals(kind, nameof(LabCellKind.Written), StringComparison.OrdinalIgnoreCase)) return false;
            string source = NotebookJson.Source(cell);
            if (NotebookJson.CellType(cell) == "code" && (source.Contains("Grader.Test(", StringComparison.Ordinal)
                || source.Contains("Grader.Check(", StringComparison.Ordinal))) return false;
        }
        return true;
    }

    /// <summary>Writes the student version of a lab or lecture into <paramref name="outDir"/> under the notebook's file
    /// name (atomically).</summary>
    /// <param name="labPath">The solution notebook (a lab, or a lecture with exercise regions).</param>
    /// <param name="outDir">Destination folder (created if missing); must not be the notebook's own folder.</param>
    /// <returns>The written path.</returns>
    /// <exception cref="LabFormatException">The notebook is missing or malformed.</exception>
    /// <exception cref="ArgumentException">The destination is the notebook's folder (the solution would be overwritten).</exception>
    public static string Assign(string labPath, string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labPath);
        string full = System.IO.Path.GetFullPath(labPath);
        if (!File.Exists(full)) throw new LabFormatException($"{labPath}: notebook not found");
        string dir = System.IO.Path.GetFullPath(outDir);
        if (string.Equals(dir.TrimEnd('/', '\\'), System.IO.Path.GetDirectoryName(full), StringComparison.Ordinal))
            throw new ArgumentException($"--out {outDir} is the notebook's own folder: the solution would be overwritten", nameof(outDir));
        string text = File.ReadAllText(full);
        byte[] bytes = IsLecture(text, System.IO.Path.GetFileName(full)) ? BuildLecture(full, text) : Build(Lab.Load(full));
        string target = System.IO.Path.Combine(dir, System.IO.Path.GetFileName(full));
        AtomicFile.WriteAllBytes(target, bytes);
        return target;
    }
}
