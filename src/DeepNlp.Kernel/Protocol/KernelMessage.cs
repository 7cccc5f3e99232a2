using System.Text.Json;

namespace DeepNlp.Kernel.Protocol;

/// <summary>One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers.</summary>
/// <param name="Identities">ZeroMQ routing prefixes (ROUTER identities, or the IOPub topic); echoed back on replies.</param>
/// <param name="Header">This message's header.</param>
/// <param name="ParentHeader">Header of the request this message answers; null when it answers none (sent as <c>{}</c>).</param>
/// <param name="Metadata">The metadata object (usually <c>{}</c>).</param>
/// <param name="Content">The content object; its shape depends on <see cref="MessageHeader.MsgType"/>.</param>
/// <param name="Buffers">Extra binary frames after the content (unused by the kit, kept when received).</param>
public sealed record KernelMessage(
    IReadOnlyList<byte[]> Identities,
    MessageHeader Header,
    MessageHeader? ParentHeader,
    JsonElement Metadata,
    JsonElement Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The message's type (shortcut for <c>Header.MsgType</c>).</summary>
    public MessageType Type => Header.MsgType;

    /// <summary>Builds a message whose content is serialized from an object with the wire's snake_case names.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="content">The content: a record (serialized with <see cref="KernelJson.Options"/>), a JsonElement, or a JsonNode.</param>
    /// <param name="session">The sender's session id.</param>
    /// <param name="username">The sender's user name.</param>
    /// <param name="parent">The request answered, whose identities and header are carried over; null for none.</param>
    /// <param name="identities">Identities to use instead of the parent's (the IOPub topic, for example).</param>
    /// <returns>The message.</returns>
    public static KernelMessage Create(MessageType type, object content, string session, string username,
        KernelMessage? parent = null, IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [],
            MessageHeader.Create(type, session, username),
            parent?.Header,
            EmptyObject,
            content as JsonElement? ?? JsonSerializer.SerializeToElement(content, content.GetType(), KernelJson.Options),
            []);

    /// <summary>Deserializes the content into a request record (snake_case names).</summary>
    /// <typeparam name="T">The content record type.</typeparam>
    /// <returns>The content.</returns>
    /// <exception cref="JsonException">The content does not have the expected shape.</exception>
    public T ContentAs<T>() => Content.Deserialize<T>(KernelJson.Options)
        ?? throw new JsonException($"{Header.MsgType.WireName()} has null content");

    /// <summary>The empty JSON object <c>{}</c>.</summary>
    public static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
