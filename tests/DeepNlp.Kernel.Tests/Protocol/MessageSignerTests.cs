using System.Security.Cryptography;
using System.Text;
using DeepNlp.Kernel.Protocol;

namespace DeepNlp.Kernel.Tests.Protocol;

public class MessageSignerTests
{
    private static readonly byte[] Header = "{\"msg_id\":\"1\"}"u8.ToArray();
    private static readonly byte[] Parent = "{}"u8.ToArray();
    private static readonly byte[] Metadata = "{}"u8.ToArray();
    private static readonly byte[] Content = "{\"code\":\"1+1\"}"u8.ToArray();

    [Fact]
    public void Sign_IsHexHmacSha256OfTheFourFramesConcatenated()
    {
        var signer = new MessageSigner("secret-key");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret-key"), (byte[])[.. Header, .. Parent, .. Metadata, .. Content]));

        var signature = signer.Sign(Header, Parent, Metadata, Content);

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void Verify_AcceptsItsOwnSignatureInEitherCase()
    {
        var signer = new MessageSigner("k");
        var signature = signer.Sign(Header, Parent, Metadata, Content);

        var lower = signer.Verify(Encoding.ASCII.GetBytes(signature), Header, Parent, Metadata, Content);
        var upper = signer.Verify(Encoding.ASCII.GetBytes(signature.ToUpperInvariant()), Header, Parent, Metadata, Content);

        Assert.True(lower);
        Assert.True(upper);
    }

    [Fact]
    public void Verify_RejectsTamperedContentAndOtherKeys()
    {
        var signature = Encoding.ASCII.GetBytes(new MessageSigner("k").Sign(Header, Parent, Metadata, Content));

        var tampered = new MessageSigner("k").Verify(signature, Header, Parent, Metadata, "{\"code\":\"1+2\"}"u8.ToArray());
        var otherKey = new MessageSigner("other").Verify(signature, Header, Parent, Metadata, Content);
        var garbage = new MessageSigner("k").Verify("zz"u8.ToArray(), Header, Parent, Metadata, Content);

        Assert.False(tampered);
        Assert.False(otherKey);
        Assert.False(garbage);
    }

    [Fact]
    public void EmptyKey_SignsWithEmptyStringAndAcceptsAnySignature()
    {
        var signer = new MessageSigner("");

        var signature = signer.Sign(Header, Parent, Metadata, Content);
        var accepted = signer.Verify("whatever"u8.ToArray(), Header, Parent, Metadata, Content);

        Assert.Equal("", signature);
        Assert.True(accepted);
    }

    [Fact]
    public void Sha512Scheme_UsesHmacSha512()
    {
        var signer = new MessageSigner("k", "hmac-sha512");
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData("k"u8.ToArray(), (byte[])[.. Header, .. Parent, .. Metadata, .. Content]));

        var signature = signer.Sign(Header, Parent, Metadata, Content);

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void UnknownScheme_IsRejectedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => new MessageSigner("k", "hmac-md5"));

        Assert.Contains("hmac-md5", error.Message);
    }
}
