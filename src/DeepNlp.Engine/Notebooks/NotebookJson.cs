using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>Small helpers for nbformat's JSON conventions.</summary>
internal static class NotebookJson
{
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
}
