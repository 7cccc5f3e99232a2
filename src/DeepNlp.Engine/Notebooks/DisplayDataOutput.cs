using System.Text.Json.Nodes;
using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Notebooks;

/// <summary>A <c>display_data</c> output: a MIME bundle shown by <c>display(...)</c>.</summary>
/// <param name="Data">The MIME bundle.</param>
/// <param name="DisplayId">The display id (kept in <c>transient</c> while running; stored in metadata so updates can find it).</param>
public sealed record DisplayDataOutput(MimeBundle Data, string? DisplayId) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = "display_data",
        ["data"] = Data.ToJsonObject(),
        ["metadata"] = new JsonObject(),
    };
}
