using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DeepNlp.Kernel.Protocol;

/// <summary>The JSON settings of the wire format: snake_case names and enums, nulls left out.</summary>
public static class KernelJson
{
    /// <summary>Serializer options for message headers and contents: <c>MsgId</c> is written <c>msg_id</c>,
    /// <see cref="MessageType.ExecuteRequest"/> is written <c>"execute_request"</c>.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        // The protocol's own records come from compile-time metadata (KernelJsonContext); anything else by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(KernelJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>The wire name of a message type, e.g. <c>execute_request</c>.</summary>
    /// <param name="type">The message type.</param>
    /// <returns>Its snake_case name.</returns>
    public static string WireName(this MessageType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    /// <summary>Looks up a message type by its wire name.</summary>
    /// <param name="name">A wire name such as <c>kernel_info_request</c>.</param>
    /// <param name="type">The message type, when known.</param>
    /// <returns>Whether the name is one of <see cref="MessageType"/>.</returns>
    public static bool TryParseWireName(string name, out MessageType type) => ByWireName.TryGetValue(name, out type);

    private static readonly Dictionary<string, MessageType> ByWireName =
        Enum.GetValues<MessageType>().ToDictionary(t => t.WireName(), StringComparer.Ordinal);
}
