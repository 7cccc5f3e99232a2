using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepNlp.Kernel.Protocol;

/// <summary>JSON metadata for the protocol's records, generated at compile time.</summary>
/// <remarks>Why: reflection-based System.Text.Json builds each type's serializer the first time it is used, and in a
/// kernel that is still starting that cost lands on the way to the first result (reading the connection file and
/// publishing the first status took about 100 ms of a starting kernel's main thread). The names and null handling here
/// are the wire format's (<see cref="KernelJson.Options"/>, which resolves these types through this context first and
/// any other type, such as a client's anonymous request object, by reflection).</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectionInfo.FileShape))]
[JsonSerializable(typeof(MessageHeader))]
[JsonSerializable(typeof(ExecuteRequestContent))]
[JsonSerializable(typeof(CodeRequestContent))]
[JsonSerializable(typeof(ShutdownRequestContent))]
[JsonSerializable(typeof(KernelInfoReplyContent))]
[JsonSerializable(typeof(StatusContent))]
[JsonSerializable(typeof(ExecuteInputContent))]
[JsonSerializable(typeof(StreamOutputContent))]
[JsonSerializable(typeof(DisplayDataContent))]
[JsonSerializable(typeof(ExecuteResultContent))]
[JsonSerializable(typeof(ErrorContent))]
[JsonSerializable(typeof(ExecuteReplyContent))]
[JsonSerializable(typeof(IsCompleteReplyContent))]
[JsonSerializable(typeof(CompleteReplyContent))]
[JsonSerializable(typeof(InspectReplyContent))]
[JsonSerializable(typeof(InputRequestContent))]
[JsonSerializable(typeof(InputReplyContent))]
[JsonSerializable(typeof(HistoryRequestContent))]
[JsonSerializable(typeof(HistoryReplyContent))]
[JsonSerializable(typeof(CommInfoReplyContent))]
[JsonSerializable(typeof(CommCloseContent))]
[JsonSerializable(typeof(InterruptReplyContent))]
[JsonSerializable(typeof(ErrorReplyContent))]
[JsonSerializable(typeof(ShutdownReplyContent))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class KernelJsonContext : JsonSerializerContext;
