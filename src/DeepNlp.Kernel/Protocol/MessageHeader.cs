using System.Globalization;

namespace DeepNlp.Kernel.Protocol;

/// <summary>The header of a Jupyter message.</summary>
/// <param name="MsgId">Unique id of this message (a GUID string).</param>
/// <param name="Session">Id of the sending session; constant for the life of a kernel or client.</param>
/// <param name="Username">The sending user's name.</param>
/// <param name="Date">When the message was created, ISO 8601 in UTC.</param>
/// <param name="MsgType">The message type.</param>
/// <param name="Version">The protocol version, <c>5.3</c> for messages the kit sends.</param>
public sealed record MessageHeader(string MsgId, string Session, string Username, string Date, MessageType MsgType, string Version)
{
    /// <summary>The protocol version this kernel implements.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>A new header with a fresh id and the current time.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="session">The sender's session id.</param>
    /// <param name="username">The sender's user name.</param>
    /// <returns>The header.</returns>
    public static MessageHeader Create(MessageType type, string session, string username) =>
        new(Guid.NewGuid().ToString("N"), session, username, Now(), type, ProtocolVersion);

    /// <summary>The current UTC time in the ISO 8601 form Jupyter writes (microseconds, <c>Z</c>).</summary>
    /// <returns>E.g. <c>2026-11-22T17:26:36.123456Z</c>.</returns>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
