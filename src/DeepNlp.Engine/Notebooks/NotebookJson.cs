using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>nbformat's JSON conventions on raw JSON nodes: multiline strings, cells, sources, ids and the deterministic
/// serialization. The engine's <see cref="Notebook"/> model and the grader (which edits notebooks without losing any field it
/// does not touch) both use these helpers.</summary>
internal static class NotebookJson
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>nbformat "multiline strings": an array of lines, each keeping its trailing newline.</summary>
    public static JsonArray ToMultiline(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    /// <summary>Reads a multiline string stored either as one string or as an array of strings.</summary>
    public static string FromMultiline(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Concat(array.Select(n => n?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    /// <summary>Reads a notebook file as raw JSON; <paramref name="fail"/> makes the exception thrown for a problem
    /// (its message names the file and what is wrong).</summary>
    public static JsonObject Load(string path, Func<string, Exception> fail)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw fail($"{path}: cannot read: {e.Message}"); }
        return Parse(text, path, fail);
    }

    /// <summary>Parses notebook text as raw JSON; <paramref name="name"/> names it in errors and <paramref name="fail"/>
    /// makes the exception thrown for a problem.</summary>
    public static JsonObject Parse(string text, string name, Func<string, Exception> fail)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }); }
        catch (JsonException e) { throw fail($"{name}: not valid notebook JSON (line {e.LineNumber + 1}): {e.Message}"); }
        if (node is not JsonObject nb || nb["cells"] is not JsonArray)
            throw fail($"{name}: not a notebook (no \"cells\" array)");
        if (nb["nbformat"]?.GetValueKind() == JsonValueKind.Number && (int)nb["nbformat"]! < 4)
            throw fail($"{name}: nbformat {(int)nb["nbformat"]!} is not supported (need 4)");
        return nb;
    }

    /// <summary>The cells array.</summary>
    public static JsonArray Cells(JsonObject nb) => (JsonArray)nb["cells"]!;

    /// <summary>A cell's source joined into one string (nbformat allows a string or a list of lines); anything else reads as empty.</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => "",
    };

    /// <summary>Sets a cell's source as a list of lines, each but the last ending in a newline, as Jupyter writes it.</summary>
    public static void SetSource(JsonObject cell, string source) => cell["source"] = ToMultiline(source);

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
