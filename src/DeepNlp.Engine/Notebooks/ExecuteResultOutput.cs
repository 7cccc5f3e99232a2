using System.Text.Json.Nodes;
using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Notebooks;

/// <summary>An <c>execute_result</c> output: the value of a cell's trailing expression.</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Data">The MIME bundle.</param>
public sealed record ExecuteResultOutput(int ExecutionCount, MimeBundle Data) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = "execute_result",
        ["execution_count"] = ExecutionCount,
        ["data"] = Data.ToJsonObject(),
        ["metadata"] = new JsonObject(),
    };
}
