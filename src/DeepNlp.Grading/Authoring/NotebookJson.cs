using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Authoring;

/// <summary>Minimal nbformat access on raw JSON, so every field the grader does not touch survives byte for byte in meaning.</summary>
internal static class NotebookJson
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a notebook file, failing with the file name and the JSON error position.</summary>
    public static JsonObject Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new LabFormatException($"{path}: cannot read: {e.Message}"); }
        return Parse(text, path);
    }

    /// <summary>Parses notebook text; <paramref name="name"/> names it in errors.</summary>
    public static JsonObject Parse(string text, string name)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new LabFormatException($"{name}: not valid notebook JSON (line {e.LineNumber + 1}): {e.Message}"); }
        if (node is not JsonObject nb || nb["cells"] is not JsonArray)
            throw new LabFormatException($"{name}: not a notebook (no \"cells\" array)");
        if (nb["nbformat"]?.GetValueKind() == JsonValueKind.Number && (int)nb["nbformat"]! < 4)
            throw new LabFormatException($"{name}: nbformat {(int)nb["nbformat"]!} is not supported (need 4)");
        return nb;
    }

    /// <summary>The cells array.</summary>
    public static JsonArray Cells(JsonObject nb) => (JsonArray)nb["cells"]!;

    /// <summary>A cell's source joined into one string (nbformat allows a string or a list of lines).</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => "",
    };

    /// <summary>Sets a cell's source as a list of lines, each but the last ending in a newline, as Jupyter writes it.</summary>
    public static void SetSource(JsonObject cell, string source)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] != '\n') continue;
            lines.Add(source[start..(i + 1)]);
            start = i + 1;
        }
        if (start < source.Length) lines.Add(source[start..]);
        cell["source"] = lines;
    }

    /// <summary>The cell type: code, markdown or raw.</summary>
    public static string CellType(JsonObject cell) => cell["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>The cell id, or an empty string for notebooks older than nbformat 4.5.</summary>
    public static string Id(JsonObject cell) => cell["id"]?.GetValue<string>() ?? "";

    /// <summary>The cell's <c>metadata.grading</c> object, if any.</summary>
    public static JsonObject? Grading(JsonObject cell) => cell["metadata"]?["grading"] as JsonObject;

    /// <summary>Serializes deterministically: one-space indentation, unescaped Unicode, trailing newline.</summary>
    public static byte[] ToBytes(JsonObject nb) =>
        Encoding.UTF8.GetBytes(nb.ToJsonString(WriteOptions).Replace("\r\n", "\n") + "\n");
}
