using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>One stored output of a code cell, in one of nbformat's four shapes.</summary>
/// <remarks>
/// Subtypes: <see cref="StreamOutput"/>, <see cref="DisplayDataOutput"/>, <see cref="ExecuteResultOutput"/> and
/// <see cref="ErrorOutput"/>. Outputs of other types read from a file are kept verbatim as <see cref="RawOutput"/>.
/// An <c>update_display_data</c> message is never stored: the runner applies it to the earlier display with the same id,
/// as nbclient does.
/// </remarks>
public abstract record CellOutput
{
    /// <summary>The nbformat JSON of this output.</summary>
    public abstract JsonObject ToJson();
}
