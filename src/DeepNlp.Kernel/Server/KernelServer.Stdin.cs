using DeepNlp.Kernel.Protocol;
using NetMQ;

namespace DeepNlp.Kernel.Server;

// The stdin channel: input_request to the front end that sent the running cell, input_reply back (as ipykernel does).
public sealed partial class KernelServer
{
    private static readonly TimeSpan InputPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>What a cell's input request says when its execute_request had <c>allow_stdin</c> false.</summary>
    internal const string StdinNotAllowedMessage = "this front end does not accept input (allow_stdin is false)";

    /// <summary>Sends <c>input_request</c> on stdin to the client that sent <paramref name="parent"/> and waits for the
    /// matching <c>input_reply</c>.</summary>
    /// <remarks>
    /// Jupyter clients give their shell and stdin sockets one identity, so the execute_request's routing identity
    /// addresses the client's stdin socket (the parent header is the execute_request, as the protocol asks). The stdin
    /// socket is ROUTER-mandatory: a client with no stdin socket makes the request fail at once instead of being
    /// dropped silently while the cell waits. Replies left over from an interrupted request are discarded first, and a
    /// reply whose parent is another request is ignored; a reply without parent header is taken, because jupyter_client's
    /// <c>input()</c> sends none (ipykernel takes whatever reply comes).
    /// A reply of <c>\u0004</c> (Ctrl-D) is the end of input, as in ipykernel.
    /// </remarks>
    /// <returns>The line typed, or null at the end of input.</returns>
    /// <exception cref="InvalidOperationException">Input is not allowed for this cell, or the client has no stdin socket.</exception>
    /// <exception cref="OperationCanceledException">The cell was interrupted, or the kernel is stopping.</exception>
    private string? RequestInput(KernelMessage parent, bool allowStdin, string prompt, bool password, CancellationToken cancellationToken)
    {
        if (!allowStdin) throw new InvalidOperationException(StdinNotAllowedMessage);
        var socket = stdin ?? throw new InvalidOperationException("the kernel's stdin channel is not bound");
        lock (stdinLock)
        {
            var frames = new List<byte[]>();
            while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames)) frames = [];

            var request = KernelMessage.Create(MessageType.InputRequest, new InputRequestContent(prompt, password), session, Username, parent);
            try
            {
                socket.SendMultipartBytes(WireFormat.Encode(request, signer));
            }
            catch (HostUnreachableException)
            {
                throw new InvalidOperationException("this front end does not accept input (it has no stdin channel connected)");
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stopping) throw new OperationCanceledException("the kernel is shutting down");
                frames = [];
                if (!socket.TryReceiveMultipartBytes(InputPollInterval, ref frames)) continue;
                if (DecodeOrLog(frames, "stdin") is not { } reply) continue;
                if (reply.Type != MessageType.InputReply || (reply.ParentHeader is { } answered && answered.MsgId != request.Header.MsgId))
                {
                    log.WriteLine($"[kernel] stdin: ignored a {reply.Type.WireName()} that does not answer the pending input_request");
                    continue;
                }
                var value = reply.ContentAs<InputReplyContent>().Value;
                return value == "\u0004" ? null : value;
            }
        }
    }
}
