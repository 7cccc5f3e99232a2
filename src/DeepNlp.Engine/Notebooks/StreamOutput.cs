using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>A <c>stream</c> output: text written to stdout or stderr.</summary>
/// <param name="Name">"stdout" or "stderr".</param>
/// <param name="Text">The text, newlines included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = "stream",
        ["name"] = Name,
        ["text"] = NotebookJson.ToMultiline(Text),
    };
}
