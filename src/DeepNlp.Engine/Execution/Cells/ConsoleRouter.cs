using System.Text;

namespace DeepNlp.Engine.Execution;

/// <summary>Owns Console.Out, Console.Error and Console.In: writes from a cell (and from threads and tasks it starts) go
/// to that cell's session, and its reads ask the session's front end for input; everything else uses the process's
/// original streams.</summary>
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
            // The original Console.In is not touched until someone outside a cell reads it: creating it for a terminal
            // sets the terminal up and writes control sequences to it.
            Console.SetIn(new RoutingReader());
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

    /// <summary>Console.In: a cell's reads go to its session (see NotebookSession.ReadInput); others to standard input.</summary>
    /// <remarks>A notebook's input has no end, so ReadToEnd is refused rather than prompting forever.</remarks>
    private sealed class RoutingReader : TextReader
    {
        private readonly Lazy<TextReader> original = new(() =>
            new StreamReader(Console.OpenStandardInput(), Console.InputEncoding, detectEncodingFromByteOrderMarks: false));

        public override int Peek() => Current.Value is { } session ? session.PeekConsoleChar() : original.Value.Peek();

        public override int Read()
        {
            if (Current.Value is not { } session) return original.Value.Read();
            Span<char> one = stackalloc char[1];
            return session.ReadConsoleChars(one) == 0 ? -1 : one[0];
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer) =>
            Current.Value is { } session ? session.ReadConsoleChars(buffer) : original.Value.Read(buffer);

        public override string? ReadLine() => Current.Value is { } session ? session.ReadConsoleLine() : original.Value.ReadLine();

        public override string ReadToEnd() => Current.Value is null
            ? original.Value.ReadToEnd()
            : throw new NotSupportedException("a notebook's input has no end; read it line by line with Console.ReadLine");
    }
}
