using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepNlp.Kernel.Protocol;

/// <summary>The contents of a Jupyter connection file: where the kernel binds its five sockets and how it signs messages.</summary>
/// <param name="Transport">The ZeroMQ transport; only <c>tcp</c> is supported (NetMQ has no libzmq-compatible <c>ipc</c>).</param>
/// <param name="Ip">The address to bind, e.g. <c>127.0.0.1</c>; <c>*</c> or <c>0.0.0.0</c> binds every interface.</param>
/// <param name="ShellPort">Port of the shell channel (ROUTER): requests and replies.</param>
/// <param name="ControlPort">Port of the control channel (ROUTER): interrupt, shutdown, served while a cell runs.</param>
/// <param name="StdinPort">Port of the stdin channel (ROUTER): input requests to the front end.</param>
/// <param name="IopubPort">Port of the IOPub channel (PUB): status, outputs, broadcast to every front end.</param>
/// <param name="HeartbeatPort">Port of the heartbeat channel (REP): echoes whatever it receives.</param>
/// <param name="Key">The HMAC key; empty disables signing.</param>
/// <param name="SignatureScheme">The signature scheme, <c>hmac-sha256</c> unless the file says otherwise.</param>
/// <remarks>Format as Jupyter writes it (jupyter_client.connect.write_connection_file): a JSON object with
/// <c>transport, ip, shell_port, control_port, stdin_port, iopub_port, hb_port, key, signature_scheme</c>.</remarks>
public sealed record ConnectionInfo(
    string Transport,
    string Ip,
    int ShellPort,
    int ControlPort,
    int StdinPort,
    int IopubPort,
    int HeartbeatPort,
    string Key,
    string SignatureScheme)
{
    /// <summary>Reads and validates a connection file.</summary>
    /// <param name="path">Path of the JSON connection file Jupyter passes as <c>{connection_file}</c>.</param>
    /// <returns>The parsed connection information.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON, lacks a port, or names an unsupported transport; the message names the file.</exception>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Connection file not found: {path}", path);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses the JSON text of a connection file.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The parsed connection information.</returns>
    /// <exception cref="InvalidDataException">A required field is missing or invalid, or the transport is not <c>tcp</c>.</exception>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static ConnectionInfo Parse(string json)
    {
        var file = JsonSerializer.Deserialize(json, KernelJsonContext.Default.FileShape)
            ?? throw new InvalidDataException("connection file is empty (JSON null)");
        var transport = file.Transport ?? "tcp";
        if (transport != "tcp")
            throw new InvalidDataException($"transport '{transport}' is not supported; the kit's kernel speaks tcp only");
        var ip = string.IsNullOrEmpty(file.Ip) ? "127.0.0.1" : file.Ip;
        return new ConnectionInfo(transport, ip,
            Port(file.ShellPort, "shell_port"), Port(file.ControlPort, "control_port"), Port(file.StdinPort, "stdin_port"),
            Port(file.IopubPort, "iopub_port"), Port(file.HbPort, "hb_port"),
            file.Key ?? "", string.IsNullOrEmpty(file.SignatureScheme) ? "hmac-sha256" : file.SignatureScheme);
    }

    /// <summary>The ZeroMQ endpoint for one port, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    /// <param name="port">One of this file's ports.</param>
    /// <returns>The endpoint string to bind.</returns>
    public string Endpoint(int port) => $"{Transport}://{(Ip is "0.0.0.0" ? "*" : Ip)}:{port}";

    /// <summary>Serializes to the connection-file JSON shape (the same keys Jupyter writes).</summary>
    /// <returns>Indented JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new FileShape
    {
        Transport = Transport, Ip = Ip, ShellPort = ShellPort, ControlPort = ControlPort, StdinPort = StdinPort,
        IopubPort = IopubPort, HbPort = HeartbeatPort, Key = Key, SignatureScheme = SignatureScheme,
    }, new JsonSerializerOptions { WriteIndented = true });

    private static int Port(int? value, string name) => value switch
    {
        null => throw new InvalidDataException($"'{name}' is missing"),
        < 1 or > 65535 => throw new InvalidDataException($"'{name}' is {value}, not a port number in 1..65535"),
        _ => value.Value,
    };

    internal sealed class FileShape
    {
        [JsonPropertyName("transport")] public string? Transport { get; set; }
        [JsonPropertyName("ip")] public string? Ip { get; set; }
        [JsonPropertyName("shell_port")] public int? ShellPort { get; set; }
        [JsonPropertyName("control_port")] public int? ControlPort { get; set; }
        [JsonPropertyName("stdin_port")] public int? StdinPort { get; set; }
        [JsonPropertyName("iopub_port")] public int? IopubPort { get; set; }
        [JsonPropertyName("hb_port")] public int? HbPort { get; set; }
        [JsonPropertyName("key")] public string? Key { get; set; }
        [JsonPropertyName("signature_scheme")] public string? SignatureScheme { get; set; }
    }
}
