using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>An output the engine does not model, kept exactly as read.</summary>
/// <param name="Json">The output's JSON object.</param>
public sealed record RawOutput(JsonObject Json) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => (JsonObject)Json.DeepClone();
}
