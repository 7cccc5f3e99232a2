namespace DeepNlp.Engine.Execution;

// Input for cells: Console.In of a cell's thread reads here (see ConsoleRouter), and so does Kernel.GetInputAsync.
public sealed partial class NotebookSession
{
    /// <summary>What reading input says in a front end that has no one to ask.</summary>
    internal const string NoInputMessage =
        "this front end does not accept input (notebooks run headless by course run, course test and the grader have no one to type it)";

    private readonly object _inputLock = new();

    // The rest of the last line read, line break included, not yet consumed by Console.Read.
    private string _pendingInput = "";

    /// <summary>Flushes the cell's pending output, then asks <see cref="NotebookSessionOptions.InputReader"/> for a line.</summary>
    /// <returns>The line, or null at the end of input.</returns>
    /// <exception cref="InvalidOperationException">There is no reader, or no cell is running.</exception>
    /// <exception cref="OperationCanceledException">The cell was stopped while waiting.</exception>
    internal string? ReadInput(string prompt, bool password)
    {
        var reader = Options.InputReader ?? throw new InvalidOperationException(NoInputMessage);
        var cell = _current ?? throw new InvalidOperationException("input can only be read while a cell runs");
        FlushStreams();
        var token = cell.Stop.Token;
        token.ThrowIfCancellationRequested();
        return reader(prompt, password, token);
    }

    /// <summary>Console.ReadLine: the rest of a line that Console.Read started, or a new line.</summary>
    internal string? ReadConsoleLine()
    {
        lock (_inputLock)
        {
            if (_pendingInput.Length == 0) return ReadInput("", password: false);
            var end = _pendingInput.IndexOf('\n', StringComparison.Ordinal);
            var line = _pendingInput[..end];
            _pendingInput = _pendingInput[(end + 1)..];
            return line;
        }
    }

    /// <summary>Console.Read and Console.In.Read(buffer): characters of the current line, its line break included,
    /// asking for a new line only when none is left (a stream read returns what is available).</summary>
    /// <returns>The number of characters copied; 0 at the end of input.</returns>
    internal int ReadConsoleChars(Span<char> destination)
    {
        if (destination.IsEmpty) return 0;
        lock (_inputLock)
        {
            if (_pendingInput.Length == 0)
            {
                var line = ReadInput("", password: false);
                if (line is null) return 0;
                _pendingInput = line + "\n";
            }
            var count = Math.Min(destination.Length, _pendingInput.Length);
            _pendingInput.AsSpan(0, count).CopyTo(destination);
            _pendingInput = _pendingInput[count..];
            return count;
        }
    }

    /// <summary>Console.In.Peek: the next character already read, or -1; it never asks for input, so
    /// <c>while (Console.In.Peek() != -1)</c> ends instead of prompting forever.</summary>
    internal int PeekConsoleChar()
    {
        lock (_inputLock) return _pendingInput.Length > 0 ? _pendingInput[0] : -1;
    }
}
