using System.Text;

namespace DeepNlp.Engine.Execution;

/// <summary>Owns Console.Out and Console.Error: writes from a cell (and from threads and tasks it starts) go to that
/// cell's session; everything else goes to the process's original streams.</summary>
/// <remarks>
/// Console is process-global while sessions are not (tests run several at once), so the router is installed once and
/// picks the target from an <see cref="AsyncLocal{T}"/> that the session sets on the cell's thread; the value flows into
/// tasks, thread-pool work and new threads the cell starts.
/// </remarks>
internal static class ConsoleRouter
{
    private static readonly AsyncLocal<NotebookSession?> Current = new();
    private static readonly object Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            Console.SetOut(new RoutingWriter(StreamName.Stdout, Console.Out));
            Console.SetError(new RoutingWriter(StreamName.Stderr, Console.Error));
            _installed = true;
        }
    }

    /// <summary>Routes this execution context's console writes to <paramref name="session"/> (null: the original streams).</summary>
    public static void Route(NotebookSession? session) => Current.Value = session;

    private sealed class RoutingWriter(StreamName stream, TextWriter original) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value)
        {
            if (Current.Value is { } session) session.WriteStream(stream, value.ToString());
            else original.Write(value);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            if (Current.Value is { } session) session.WriteStream(stream, value);
            else original.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

        public override void WriteLine(string? value) => Write((value ?? "") + new string(CoreNewLine));

        public override void Flush()
        {
            if (Current.Value is { } session) session.FlushStreams();
            else original.Flush();
        }
    }
}
