using System.Text;
using System.Text.Json;

namespace DeepNlp.Kernel.Protocol;

/// <summary>Converts between <see cref="KernelMessage"/> and the multipart frames sent over ZeroMQ.</summary>
/// <remarks>Frames, as the protocol specifies them:
/// <c>[identities...] "&lt;IDS|MSG&gt;" signature header parent_header metadata content [buffers...]</c>.
/// The signature covers the four JSON frames exactly as sent, so verification uses the received bytes.</remarks>
public static class WireFormat
{
    /// <summary>The frame that separates routing identities from the message proper.</summary>
    public static ReadOnlySpan<byte> Delimiter => "<IDS|MSG>"u8;

    /// <summary>Serializes and signs a message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="signer">Signs with the connection key.</param>
    /// <returns>The frames to send, in order.</returns>
    public static List<byte[]> Encode(KernelMessage message, MessageSigner signer)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(message.Header, KernelJson.Options);
        var parent = message.ParentHeader is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(message.ParentHeader, KernelJson.Options);
        var metadata = JsonSerializer.SerializeToUtf8Bytes(message.Metadata);
        var content = JsonSerializer.SerializeToUtf8Bytes(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter.ToArray());
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>Verifies and parses received frames.</summary>
    /// <param name="frames">All frames of one multipart message.</param>
    /// <param name="signer">Verifies with the connection key.</param>
    /// <returns>The message.</returns>
    /// <exception cref="WireFormatException">No delimiter, too few frames, a bad signature
    /// (<see cref="WireFormatException.BadSignature"/> set), invalid JSON, or an unknown message type.</exception>
    public static KernelMessage Decode(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0) throw new WireFormatException("no <IDS|MSG> delimiter frame");
        if (frames.Count < delimiter + 6)
            throw new WireFormatException($"{frames.Count - delimiter - 1} frames after the delimiter; at least 5 are needed");
        var (signature, header, parent, metadata, content) =
            (frames[delimiter + 1], frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5]);
        if (!signer.Verify(signature, header, parent, metadata, content))
            throw new WireFormatException("invalid HMAC signature", badSignature: true);
        try
        {
            var headerElement = Parse(header, "header");
            var parentElement = Parse(parent, "parent_header");
            return new KernelMessage(
                frames.Take(delimiter).ToArray(),
                ReadHeader(headerElement, "header") ?? throw new WireFormatException("header is empty"),
                ReadHeader(parentElement, "parent_header"),
                Parse(metadata, "metadata"),
                Parse(content, "content"),
                frames.Skip(delimiter + 6).ToArray());
        }
        catch (JsonException e)
        {
            throw new WireFormatException($"invalid JSON: {e.Message}");
        }
    }

    private static JsonElement Parse(byte[] utf8, string frame)
    {
        using var document = JsonDocument.Parse(utf8);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new WireFormatException($"{frame} is not a JSON object");
        return document.RootElement.Clone();
    }

    private static MessageHeader? ReadHeader(JsonElement header, string frame)
    {
        if (!header.EnumerateObject().Any()) return null;
        var typeName = Text(header, "msg_type", frame);
        if (!KernelJson.TryParseWireName(typeName, out var type))
            throw new WireFormatException($"unsupported msg_type '{typeName}'");
        // Version and username are optional in old clients; the date may be absent in hand-made messages.
        return new MessageHeader(Text(header, "msg_id", frame), Text(header, "session", frame),
            Optional(header, "username") ?? "", Optional(header, "date") ?? "", type, Optional(header, "version") ?? "");
    }

    private static string Text(JsonElement header, string name, string frame) =>
        Optional(header, name) ?? throw new WireFormatException($"{frame} has no string '{name}'");

    private static string? Optional(JsonElement header, string name) =>
        header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
