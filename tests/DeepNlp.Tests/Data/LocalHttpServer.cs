using System.Net;
using System.Net.Sockets;

namespace DeepNlp.Tests.Data;

/// <summary>A tiny HTTP server on 127.0.0.1 serving one byte array, with Range support and scripted failures.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _loop;

    public LocalHttpServer(byte[] content)
    {
        _content = content;
        int port = FreePort();
        Url = $"http://127.0.0.1:{port}/file.bin";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public string Url { get; }

    /// <summary>Range headers of the requests received, in order (null for a request without one).</summary>
    public List<string?> Ranges { get; } = [];

    /// <summary>Status to answer the next requests with instead of the content (e.g. 500), or null.</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, the next response announces the full length but the connection is cut after this many bytes.</summary>
    public int? CutAfter { get; set; }

    /// <summary>Answer range requests with the whole file (200), as some servers do.</summary>
    public bool IgnoreRange { get; set; }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            Handle(ctx);
        }
    }

    private void Handle(HttpListenerContext ctx)
    {
        var range = ctx.Request.Headers["Range"];
        lock (Ranges) Ranges.Add(range);
        var response = ctx.Response;
        try
        {
            if (FailWith is { } status)
            {
                response.StatusCode = status;
                response.Close();
                return;
            }
            long start = 0;
            if (range is not null && !IgnoreRange)
            {
                start = long.Parse(range["bytes=".Length..].TrimEnd('-'));
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {start}-{_content.Length - 1}/{_content.Length}";
            }
            int length = _content.Length - (int)start;
            response.ContentLength64 = length;
            if (CutAfter is { } cut)
            {
                CutAfter = null;
                response.OutputStream.Write(_content, (int)start, cut);
                response.OutputStream.Flush();
                response.Abort();
                return;
            }
            response.OutputStream.Write(_content, (int)start, length);
            response.Close();
        }
        catch (HttpListenerException)
        {
            // The client went away; nothing to answer.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
