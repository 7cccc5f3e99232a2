using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Notebooks;

namespace DeepNlp.Kernel.Server;

/// <summary>The inputs executed by this kernel and, when given a file, by earlier kernels, as history_request reads them.</summary>
/// <remarks>
/// <para>Each cell run with <c>store_history</c> (and not silent) is kept under its execution count, which is its line
/// number, in the current session; its execute_result's text/plain is kept as its output. Sessions are numbered from 1,
/// as IPython numbers them. With a file (the real kernel: <see cref="DefaultFile"/>), earlier kernels' sessions are read
/// from it in the background at start.</para>
/// <para>The file is an append-only log in JSON Lines, one record per line:
/// <c>{"id": session id, "session": n, "line": n, "input": text}</c> for an input (with <c>"output"</c> too after a
/// compaction) and <c>{"id", "session", "line", "output"}</c> for a result. Records are appended in the background,
/// in batches at most <see cref="WriteDelay"/> after the first one waiting (a "Run All" writes a few times, not twice
/// per cell), instead of rewriting the file: history costs a cell microseconds, not a read, a rewrite and an fsync of
/// the whole file. Kernels running at once append to the same file; each batch is one write to a file opened for
/// appending, so lines do not interleave. A line that cannot be read (the last one, if a kernel died while writing it)
/// is skipped. When the file holds more than twice <c>maxKept</c> lines, the kernel that notices rewrites it atomically
/// with the latest <c>maxKept</c> inputs; a line another kernel appends during that rewrite can be lost, which is
/// acceptable for a convenience such as history.</para>
/// <para>Access types as ipykernel serves them: tail (the last n inputs of all sessions), range (lines start ≤ line &lt;
/// stop of a session; session 0 is the current one, negative counts back from it), search (a glob over the whole input,
/// see <see cref="GlobPattern"/>; the last n matches, each input once when unique). Entries are <c>[session, line, input]</c>,
/// or <c>[session, line, [input, output]]</c> with output null when the cell showed no result.</para>
/// </remarks>
internal sealed class InputHistory : IDisposable
{
    /// <summary>How many inputs the file keeps by default (the oldest are dropped first).</summary>
    public const int DefaultMaxKept = 1000;

    private readonly object gate = new();
    private readonly string? file;
    private readonly int maxKept;
    private readonly TextWriter log;
    private readonly string id = Guid.NewGuid().ToString("N");
    private readonly Task<Loaded> loaded;
    private readonly List<Entry> current = [];
    private readonly List<(int Line, string? Input, string? Output)> pending = [];
    private readonly object writeLock = new();
    private Timer? writeTimer;
    private bool disposed;
    private int linesInFile;

    /// <summary>Creates the history of a new session.</summary>
    /// <param name="file">Where sessions are kept across kernels; null keeps this session in memory only.</param>
    /// <param name="log">Where a history file that cannot be read or written is reported (the kernel goes on without it).</param>
    /// <param name="maxKept">How many inputs the file keeps.</param>
    public InputHistory(string? file = null, TextWriter? log = null, int maxKept = DefaultMaxKept)
    {
        this.file = file;
        this.maxKept = maxKept;
        this.log = log ?? TextWriter.Null;
        loaded = file is null ? Task.FromResult(new Loaded([], 1)) : Task.Run(() => Load(file));
    }

    /// <summary>The history file of the user's Jupyter data folder: <c>JUPYTER_DATA_DIR/deepnlp-csharp/history.jsonl</c>
    /// (by default <c>~/.local/share/jupyter/...</c> on Linux), beside the kernelspecs.</summary>
    public static string DefaultFile() =>
        Path.Combine(Path.GetDirectoryName(Spec.KernelSpec.UserKernelsDirectory())!, Spec.KernelSpec.DefaultName, "history.jsonl");

    /// <summary>This kernel's session number (one more than the highest in the file when it started).</summary>
    public int CurrentSession => loaded.GetAwaiter().GetResult().Session;

    /// <summary>Keeps a cell's input under its line number (its execution count).</summary>
    public void Record(int line, string input)
    {
        lock (gate) current.Add(new Entry(0, line, input, null));
        Append(line, input, output: null);
    }

    /// <summary>Keeps the text of a cell's result.</summary>
    public void RecordOutput(int line, string text)
    {
        lock (gate)
        {
            var index = current.FindLastIndex(e => e.Line == line);
            if (index < 0) return;
            current[index] = current[index] with { Output = text };
        }
        Append(line, input: null, text);
    }

    /// <summary>The last <paramref name="n"/> inputs of all sessions, oldest first.</summary>
    public JsonArray Tail(int n, bool output)
    {
        var all = All();
        return Reply(all.Skip(Math.Max(0, all.Count - Math.Max(0, n))), output);
    }

    /// <summary>Lines <paramref name="start"/> ≤ line &lt; <paramref name="stop"/> (to the end when null) of a session
    /// (0: the current one; negative: counted back from it).</summary>
    public JsonArray Range(int session, int start, int? stop, bool output)
    {
        var absolute = session <= 0 ? CurrentSession + session : session;
        return Reply(All().Where(e => e.Session == absolute && e.Line >= start && (stop is null || e.Line < stop)), output);
    }

    /// <summary>Inputs matching a glob, oldest first: the last <paramref name="n"/> (all when null), each input once when
    /// <paramref name="unique"/> (its latest run).</summary>
    public JsonArray Search(string pattern, int? n, bool unique, bool output)
    {
        var matches = All().Where(e => GlobPattern.IsMatch(pattern, e.Input)).ToList();
        if (unique)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            matches = matches.AsEnumerable().Reverse().Where(e => seen.Add(e.Input)).Reverse().ToList();
        }
        if (n is { } count) matches = matches.Skip(Math.Max(0, matches.Count - Math.Max(0, count))).ToList();
        return Reply(matches, output);
    }

    /// <summary>How long a record may wait for the next batch written to the file.</summary>
    public static TimeSpan WriteDelay { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Writes the records still waiting, now (tests, and <see cref="Dispose"/>).</summary>
    public void Flush()
    {
        if (file is not null) WritePending(file);
    }

    /// <summary>Stops the batch timer and writes the records still waiting; records after this stay in memory only.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            writeTimer?.Dispose();
            writeTimer = null;
        }
        Flush();
    }

    private List<Entry> All()
    {
        var (earlier, session) = loaded.GetAwaiter().GetResult();
        lock (gate) return [.. earlier.SelectMany(s => s.Entries), .. current.Select(e => e with { Session = session })];
    }

    private static JsonArray Reply(IEnumerable<Entry> selected, bool output) =>
        new(selected.Select(e => (JsonNode)new JsonArray(
            e.Session, e.Line, output ? new JsonArray(e.Input, e.Output) : (JsonNode)e.Input)).ToArray());

    private Loaded Load(string path)
    {
        var (sessions, lines) = Read(path);
        lock (gate) linesInFile += lines;
        return new Loaded(KeepLatest(sessions.Where(s => s.Id != id), maxKept), sessions.Count == 0 ? 1 : sessions.Max(s => s.Number) + 1);
    }

    /// <summary>The latest <paramref name="max"/> entries of <paramref name="sessions"/> (oldest first), in the sessions
    /// they belong to; sessions left without entries are dropped.</summary>
    private static List<StoredSession> KeepLatest(IEnumerable<StoredSession> sessions, int max)
    {
        var kept = sessions.ToList();
        var excess = kept.Sum(s => s.Entries.Count) - max;
        for (var i = 0; excess > 0 && i < kept.Count; i++)
        {
            var dropped = Math.Min(excess, kept[i].Entries.Count);
            kept[i] = kept[i] with { Entries = kept[i].Entries[dropped..] };
            excess -= dropped;
        }
        return [.. kept.Where(s => s.Entries.Count > 0)];
    }

    /// <summary>Queues one record for the file; the first record of a batch starts the timer that writes it.</summary>
    private void Append(int line, string? input, string? output)
    {
        if (file is null) return;
        lock (gate)
        {
            if (disposed) return;
            pending.Add((line, input, output));
            if (pending.Count == 1) (writeTimer ??= new Timer(_ => WritePending(file))).Change(WriteDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Appends every waiting record; one write at a time, so batches reach the file in order.</summary>
    private void WritePending(string path)
    {
        lock (writeLock)
        {
            try
            {
                // The session number is known once the background load is done (records queued before wait for it here).
                var session = loaded.GetAwaiter().GetResult().Session;
                var text = new System.Text.StringBuilder();
                lock (gate)
                {
                    if (pending.Count == 0) return;
                    foreach (var (line, input, output) in pending) text.Append(Record(id, session, line, input, output)).Append('\n');
                    pending.Clear();
                }
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                // After a kernel died mid-line, start on a fresh line so that this record is not glued to the torn one.
                if (!EndsWithLineBreak(path)) text.Insert(0, '\n');
                var batch = text.ToString();
                File.AppendAllText(path, batch);
                int lines;
                lock (gate) lines = linesInFile += batch.Count(c => c == '\n');
                if (lines > 2 * maxKept) Compact(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.WriteLine($"[kernel] could not write the input history {path}: {e.Message}");
            }
        }
    }

    private static bool EndsWithLineBreak(string path)
    {
        if (!File.Exists(path)) return true;
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) return true;
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    /// <summary>Rewrites the file with the latest <c>maxKept</c> inputs (outputs folded into their input records).</summary>
    private void Compact(string path)
    {
        var kept = KeepLatest(Read(path).Sessions, maxKept);
        var text = new System.Text.StringBuilder();
        foreach (var session in kept)
            foreach (var entry in session.Entries)
                text.Append(Record(session.Id, session.Number, entry.Line, entry.Input, entry.Output)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
        lock (gate) linesInFile = kept.Sum(s => s.Entries.Count);
    }

    private static string Record(string sessionId, int session, int line, string? input, string? output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", sessionId);
            writer.WriteNumber("session", session);
            writer.WriteNumber("line", line);
            if (input is not null) writer.WriteString("input", input);
            if (output is not null) writer.WriteString("output", output);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The sessions kept in the file, in the order their first records appear, and the file's line count; none
    /// when it is missing or unreadable (the history is a convenience). Lines that cannot be read are skipped and logged.</summary>
    private (List<StoredSession> Sessions, int Lines) Read(string path)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path)) return ([], 0);
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"[kernel] ignored the unreadable input history {path}: {e.Message}");
            return ([], 0);
        }
        var sessions = new List<StoredSession>();
        var byId = new Dictionary<string, StoredSession>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var text in lines)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!TryParse(text, out var sessionId, out var number, out var line, out var input, out var output))
            {
                unreadable++;
                continue;
            }
            if (!byId.TryGetValue(sessionId, out var session))
            {
                session = new StoredSession(sessionId, number, []);
                byId.Add(sessionId, session);
                sessions.Add(session);
            }
            if (input is not null) session.Entries.Add(new Entry(session.Number, line, input, output));
            else if (session.Entries.FindLastIndex(e => e.Line == line) is >= 0 and var index)
                session.Entries[index] = session.Entries[index] with { Output = output };
        }
        if (unreadable > 0)
            log.WriteLine($"[kernel] ignored {unreadable} unreadable line(s) of the input history {path}");
        return (sessions, lines.Length);
    }

    private static bool TryParse(string text, out string sessionId, out int session, out int line, out string? input, out string? output)
    {
        (sessionId, session, line, input, output) = ("", 0, 0, null, null);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var idValue) || idValue.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("session", out var sessionValue) || !sessionValue.TryGetInt32(out session)
                || !root.TryGetProperty("line", out var lineValue) || !lineValue.TryGetInt32(out line))
                return false;
            sessionId = idValue.GetString()!;
            input = root.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            output = root.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            return input is not null || output is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Entry(int Session, int Line, string Input, string? Output);

    private sealed record StoredSession(string Id, int Number, List<Entry> Entries);

    private sealed record Loaded(List<StoredSession> Earlier, int Session);
}
