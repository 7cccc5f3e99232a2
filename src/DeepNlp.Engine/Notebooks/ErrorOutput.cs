using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>An <c>error</c> output.</summary>
/// <param name="Name">The error's name (exception type or "CompilationError").</param>
/// <param name="Value">The message.</param>
/// <param name="Traceback">Traceback lines, cell frame first.</param>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = "error",
        ["ename"] = Name,
        ["evalue"] = Value,
        ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };
}
