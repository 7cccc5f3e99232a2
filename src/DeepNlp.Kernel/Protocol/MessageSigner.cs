using System.Security.Cryptography;
using System.Text;

namespace DeepNlp.Kernel.Protocol;

/// <summary>Signs and verifies messages with the connection file's key: the hex HMAC of the four JSON frames.</summary>
/// <remarks>signature = hex(HMAC(key, header ‖ parent_header ‖ metadata ‖ content)), lower case, as jupyter_client's
/// Session.sign computes it. An empty key disables signing: the signature is the empty string and is not checked.</remarks>
public sealed class MessageSigner
{
    private readonly byte[] key;
    private readonly HashAlgorithmName algorithm;

    /// <summary>Creates a signer.</summary>
    /// <param name="key">The shared key from the connection file (UTF-8 bytes are used); empty disables signing.</param>
    /// <param name="scheme">The signature scheme: <c>hmac-sha256</c> (Jupyter's default), <c>hmac-sha1</c>, <c>hmac-sha384</c> or <c>hmac-sha512</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="scheme"/> is not one of the supported schemes.</exception>
    public MessageSigner(string key, string scheme = "hmac-sha256")
    {
        this.key = Encoding.UTF8.GetBytes(key);
        algorithm = scheme switch
        {
            "hmac-sha256" => HashAlgorithmName.SHA256,
            "hmac-sha1" => HashAlgorithmName.SHA1,
            "hmac-sha384" => HashAlgorithmName.SHA384,
            "hmac-sha512" => HashAlgorithmName.SHA512,
            _ => throw new ArgumentException($"signature scheme '{scheme}' is not supported (use hmac-sha256)", nameof(scheme)),
        };
    }

    /// <summary>Whether messages are signed (the key is not empty).</summary>
    public bool Enabled => key.Length > 0;

    /// <summary>Computes the signature of a message's four JSON frames.</summary>
    /// <param name="header">UTF-8 JSON of the header.</param>
    /// <param name="parentHeader">UTF-8 JSON of the parent header.</param>
    /// <param name="metadata">UTF-8 JSON of the metadata.</param>
    /// <param name="content">UTF-8 JSON of the content.</param>
    /// <returns>The lower-case hex digest, or "" when signing is disabled.</returns>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return "";
        Span<byte> digest = stackalloc byte[64];
        var length = Digest(header, parentHeader, metadata, content, digest);
        return Convert.ToHexStringLower(digest[..length]);
    }

    /// <summary>Checks a received signature in constant time.</summary>
    /// <param name="signature">The signature frame as received (hex, either case).</param>
    /// <param name="header">UTF-8 JSON of the header.</param>
    /// <param name="parentHeader">UTF-8 JSON of the parent header.</param>
    /// <param name="metadata">UTF-8 JSON of the metadata.</param>
    /// <param name="content">UTF-8 JSON of the content.</param>
    /// <returns>True when signing is disabled or the signature matches.</returns>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return true;
        Span<byte> digest = stackalloc byte[64];
        var length = Digest(header, parentHeader, metadata, content, digest);
        if (signature.Length != 2 * length) return false;
        Span<byte> received = stackalloc byte[64];
        if (Convert.FromHexString(Encoding.ASCII.GetString(signature), received, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != length)
            return false;
        return CryptographicOperations.FixedTimeEquals(received[..length], digest[..length]);
    }

    private int Digest(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content, Span<byte> digest)
    {
        using var hmac = IncrementalHash.CreateHMAC(algorithm, key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return hmac.GetHashAndReset(digest);
    }
}
