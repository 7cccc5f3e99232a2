using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>An nbformat 4 notebook in memory: reads and writes nbformat 4.5 with cell ids, keeping unknown metadata.</summary>
/// <remarks>
/// Reading accepts nbformat 4.x (ids are added when missing, which upgrades the file to 4.5 on write). Writing is atomic:
/// the JSON goes to a temporary file in the same folder which is then renamed over the target, so a notebook is never
/// left half-written. Output JSON follows Jupyter's layout: one-space indentation, keys in the order Jupyter writes them.
/// </remarks>
public sealed class Notebook
{
    private static readonly HashSet<string> KnownCellKeys = ["cell_type", "id", "source", "metadata", "outputs", "execution_count"];

    /// <summary>Creates an empty notebook with the kit's .NET Interactive metadata.</summary>
    public Notebook() => Metadata = KitNotebookMetadata.CreateNotebookMetadata();

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = new();

    /// <summary>Notebook metadata, unknown keys included.</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>nbformat major version (always 4).</summary>
    public int Format { get; private set; } = 4;

    /// <summary>nbformat minor version; 5 once every cell has an id.</summary>
    public int FormatMinor { get; private set; } = 5;

    /// <summary>The path the notebook was read from, or null when created in memory.</summary>
    public string? Path { get; private set; }

    /// <summary>True when the metadata names a kernel (kernelspec or polyglot_notebook); notebooks without it still run as C#.</summary>
    public bool HasKernelMetadata => Metadata["kernelspec"] is JsonObject || Metadata["polyglot_notebook"] is JsonObject;

    /// <summary>Reads a notebook file.</summary>
    /// <param name="path">The .ipynb file.</param>
    /// <exception cref="NotebookFormatException">The file is not valid JSON or not an nbformat 4 notebook; the message names file and line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Notebook Load(string path)
    {
        var notebook = Parse(File.ReadAllText(path), path);
        notebook.Path = System.IO.Path.GetFullPath(path);
        return notebook;
    }

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <exception cref="NotebookFormatException">The text is not valid JSON or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string sourceName = "<notebook>")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is long l ? l + 1 : (long?)null;
            throw new NotebookFormatException(sourceName, line, $"not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new NotebookFormatException(sourceName, null, "the top level is not a JSON object");
        var format = obj["nbformat"] is JsonValue v && v.TryGetValue<int>(out var f) ? f : 0;
        if (format != 4)
            throw new NotebookFormatException(sourceName, null, $"nbformat {format} is not supported (expected 4)");
        if (obj["cells"] is not JsonArray cells) throw new NotebookFormatException(sourceName, null, "missing \"cells\" array");

        var notebook = new Notebook
        {
            Metadata = obj["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject(),
            Format = 4,
            FormatMinor = obj["nbformat_minor"] is JsonValue mv && mv.TryGetValue<int>(out var minor) ? minor : 0,
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject c) throw new NotebookFormatException(sourceName, null, $"cell {i + 1} is not a JSON object");
            notebook.Cells.Add(ReadCell(c, i, sourceName, seen));
        }
        notebook.FormatMinor = Math.Max(notebook.FormatMinor, 5);
        return notebook;
    }

    /// <summary>Serialises the notebook to nbformat 4.5 JSON.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(Cells.Select(c => (JsonNode?)WriteCell(c)).ToArray()),
            ["metadata"] = Metadata.DeepClone(),
            ["nbformat"] = Format,
            ["nbformat_minor"] = FormatMinor,
        };
        var text = root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return text + "\n";
    }

    /// <summary>Writes the notebook atomically (temporary file + rename).</summary>
    /// <param name="path">Target path; its folder is created if missing.</param>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Removes every code cell's outputs and execution count.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells) cell.ClearOutputs();
    }

    private static NotebookCell ReadCell(JsonObject c, int index, string sourceName, HashSet<string> seen)
    {
        var kind = (c["cell_type"] as JsonValue)?.GetValue<string>() switch
        {
            "code" => CellKind.Code,
            "markdown" => CellKind.Markdown,
            "raw" => CellKind.Raw,
            var other => throw new NotebookFormatException(sourceName, null, $"cell {index + 1} has unknown cell_type '{other}'"),
        };
        var id = (c["id"] as JsonValue)?.GetValue<string>();
        if (id is null || !seen.Add(id))
        {
            do id = NotebookCell.NewId(); while (!seen.Add(id));
        }
        var cell = new NotebookCell(kind, NotebookJson.FromMultiline(c["source"]), id)
        {
            Metadata = c["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject(),
        };
        if (kind == CellKind.Code)
        {
            cell.ExecutionCount = c["execution_count"] is JsonValue ec && ec.TryGetValue<int>(out var n) ? n : null;
            if (c["outputs"] is JsonArray outputs)
                foreach (var o in outputs.OfType<JsonObject>()) cell.Outputs.Add(ReadOutput(o));
        }
        foreach (var (key, value) in c)
            if (!KnownCellKeys.Contains(key)) cell.Extra[key] = value?.DeepClone();
        return cell;
    }

    private static CellOutput ReadOutput(JsonObject o)
    {
        var type = (o["output_type"] as JsonValue)?.GetValue<string>();
        return type switch
        {
            "stream" => new StreamOutput((o["name"] as JsonValue)?.GetValue<string>() ?? "stdout", NotebookJson.FromMultiline(o["text"])),
            "error" => new ErrorOutput(
                (o["ename"] as JsonValue)?.GetValue<string>() ?? "",
                (o["evalue"] as JsonValue)?.GetValue<string>() ?? "",
                (o["traceback"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? []),
            _ => new RawOutput((JsonObject)o.DeepClone()),
        };
    }

    private static JsonObject WriteCell(NotebookCell cell)
    {
        var json = new JsonObject
        {
            ["cell_type"] = cell.Kind switch { CellKind.Code => "code", CellKind.Markdown => "markdown", _ => "raw" },
        };
        if (cell.Kind == CellKind.Code) json["execution_count"] = cell.ExecutionCount;
        json["id"] = cell.Id;
        json["metadata"] = cell.Metadata.DeepClone();
        if (cell.Kind == CellKind.Code)
            json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode?)o.ToJson()).ToArray());
        json["source"] = NotebookJson.ToMultiline(cell.Source);
        foreach (var (key, value) in cell.Extra) json[key] = value?.DeepClone();
        return json;
    }
}
