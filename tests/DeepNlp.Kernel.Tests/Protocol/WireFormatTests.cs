using System.Text;
using System.Text.Json;
using DeepNlp.Kernel.Protocol;

namespace DeepNlp.Kernel.Tests.Protocol;

public class WireFormatTests
{
    private static readonly MessageSigner Signer = new("wire-key");

    private static KernelMessage Request() =>
        KernelMessage.Create(MessageType.ExecuteRequest, new { code = "1+1", silent = false }, "session-a", "alice",
            identities: [[1, 2, 3], "client"u8.ToArray()]);

    [Fact]
    public void EncodeThenDecode_RoundTripsIdentitiesHeaderAndContent()
    {
        var request = Request();

        var decoded = WireFormat.Decode(WireFormat.Encode(request, Signer), Signer);

        Assert.Equal(request.Identities, decoded.Identities);
        Assert.Equal(request.Header, decoded.Header);
        Assert.Null(decoded.ParentHeader);
        Assert.Equal("1+1", decoded.Content.GetProperty("code").GetString());
        Assert.False(decoded.Content.GetProperty("silent").GetBoolean());
    }

    [Fact]
    public void Encode_LaysOutDelimiterSignatureAndFourJsonFrames()
    {
        var frames = WireFormat.Encode(Request(), Signer);

        Assert.Equal(2 + 6, frames.Count);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[2]));
        Assert.Equal(Signer.Sign(frames[4], frames[5], frames[6], frames[7]), Encoding.ASCII.GetString(frames[3]));
        Assert.Equal("execute_request", JsonDocument.Parse(frames[4]).RootElement.GetProperty("msg_type").GetString());
        Assert.Equal("5.3", JsonDocument.Parse(frames[4]).RootElement.GetProperty("version").GetString());
        Assert.Equal("{}", Encoding.UTF8.GetString(frames[5]));
    }

    [Fact]
    public void Reply_CarriesRequestHeaderAsParentAndRequestIdentities()
    {
        var request = Request();

        var reply = WireFormat.Decode(WireFormat.Encode(
            KernelMessage.Create(MessageType.ExecuteReply, new { status = "ok" }, "kernel-session", "kernel", request), Signer), Signer);

        Assert.Equal(request.Header, reply.ParentHeader);
        Assert.Equal(request.Identities, reply.Identities);
        Assert.Equal(MessageType.ExecuteReply, reply.Type);
    }

    [Fact]
    public void Decode_BadSignature_IsRejectedAsBadSignature()
    {
        var frames = WireFormat.Encode(Request(), Signer);

        var error = Assert.Throws<WireFormatException>(() => WireFormat.Decode(frames, new MessageSigner("another-key")));

        Assert.True(error.BadSignature);
    }

    [Fact]
    public void Decode_ContentChangedAfterSigning_IsRejected()
    {
        var frames = WireFormat.Encode(Request(), Signer);
        frames[^1] = "{\"code\":\"System.Environment.Exit(1)\"}"u8.ToArray();

        var error = Assert.Throws<WireFormatException>(() => WireFormat.Decode(frames, Signer));

        Assert.True(error.BadSignature);
    }

    [Fact]
    public void Decode_WithoutDelimiter_SaysSo()
    {
        var frames = WireFormat.Encode(Request(), Signer);
        frames.RemoveAt(2);

        var error = Assert.Throws<WireFormatException>(() => WireFormat.Decode(frames, Signer));

        Assert.False(error.BadSignature);
        Assert.Contains("<IDS|MSG>", error.Message);
    }

    [Fact]
    public void Decode_UnknownMessageType_NamesIt()
    {
        var header = """{"msg_id":"1","session":"s","username":"u","date":"","msg_type":"debug_request","version":"5.3"}"""u8.ToArray();
        var frames = new List<byte[]> { WireFormat.Delimiter.ToArray(), Array.Empty<byte>(), header, "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray() };
        frames[1] = Encoding.ASCII.GetBytes(Signer.Sign(frames[2], frames[3], frames[4], frames[5]));

        var error = Assert.Throws<WireFormatException>(() => WireFormat.Decode(frames, Signer));

        Assert.Contains("debug_request", error.Message);
    }

    [Theory]
    [InlineData(MessageType.KernelInfoRequest, "kernel_info_request")]
    [InlineData(MessageType.IsCompleteReply, "is_complete_reply")]
    [InlineData(MessageType.UpdateDisplayData, "update_display_data")]
    [InlineData(MessageType.CommInfoRequest, "comm_info_request")]
    public void WireName_IsTheProtocolsSnakeCaseName(MessageType type, string wire)
    {
        var name = type.WireName();
        var parsed = KernelJson.TryParseWireName(wire, out var back);

        Assert.Equal(wire, name);
        Assert.True(parsed);
        Assert.Equal(type, back);
    }
}
