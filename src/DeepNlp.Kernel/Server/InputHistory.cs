using System.Text.Json;
using System.Text.Json.Nodes;
using DeepNlp.Engine.Notebooks;

namespace DeepNlp.Kernel.Server;

/// <summary>The inputs executed by this kernel and, when given a file, by earlier kernels, as history_request reads them.</summary>
/// <remarks>
/// <para>Each cell run with <c>store_history</c> (and not silent) is kept under its execution count, which is its line
/// number, in the current session; its execute_result's text/plain is kept as its output. Sessions are numbered from 1,
/// as IPython numbers them. With a file (the real kernel: <see cref="DefaultFile"/>), earlier kernels' sessions are read
/// from it in the background at start, and the current session is merged into it after each cell, written atomically, in
/// the background; the file keeps the latest 1000 inputs. Without a file (tests) only the current
/// session exists.</para>
/// <para>Access types as ipykernel serves them: tail (the last n inputs of all sessions), range (lines start ≤ line &lt;
/// stop of a session; session 0 is the current one, negative counts back from it), search (a glob over the whole input,
/// see <see cref="GlobPattern"/>; the last n matches, each input once when unique). Entries are <c>[session, line, input]</c>,
/// or <c>[session, line, [input, output]]</c> with output null when the cell showed no result.</para>
/// </remarks>
internal sealed class InputHistory
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
    private Task saving = Task.CompletedTask;
    private bool writeQueued;

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

    /// <summary>The history file of the user's Jupyter data folder: <c>JUPYTER_DATA_DIR/deepnlp-csharp/history.json</c>
    /// (by default <c>~/.local/share/jupyter/...</c> on Linux), beside the kernelspecs.</summary>
    public static string DefaultFile() =>
        Path.Combine(Path.GetDirectoryName(Spec.KernelSpec.UserKernelsDirectory())!, Spec.KernelSpec.DefaultName, "history.json");

    /// <summary>This kernel's session number (one more than the highest in the file when it started).</summary>
    public int CurrentSession => loaded.GetAwaiter().GetResult().Session;

    /// <summary>Keeps a cell's input under its line number (its execution count).</summary>
    public void Record(int line, string input)
    {
        lock (gate) current.Add(new Entry(0, line, input, null));
        Save();
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
        Save();
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

    /// <summary>Waits for the background writes so far (tests, and the kernel before it exits).</summary>
    public void Flush()
    {
        Task pending;
        lock (gate) pending = saving;
        pending.GetAwaiter().GetResult();
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
        var sessions = Read(path).Where(s => s.Id != id).ToList();
        return new Loaded(sessions, sessions.Count == 0 ? 1 : sessions.Max(s => s.Number) + 1);
    }

    /// <summary>Queues a merge of the current session into the file, off the shell thread. Writes run one after another;
    /// a write still waiting to start covers every later change, so fast cells do not queue one write each.</summary>
    private void Save()
    {
        if (file is null) return;
        lock (gate)
        {
            if (writeQueued) return;
            writeQueued = true;
            saving = saving.ContinueWith(_ =>
            {
                lock (gate) writeQueued = false;
                Write(file);
            }, TaskScheduler.Default);
        }
    }

    private void Write(string path)
    {
        try
        {
            var session = loaded.GetAwaiter().GetResult().Session;
            List<Entry> mine;
            lock (gate) mine = [.. current.Select(e => e with { Session = session })];
            // Other kernels may have written since this one started: merge with the file as it is now.
            var sessions = Read(path).Where(s => s.Id != id).Append(new StoredSession(id, session, mine)).ToList();
            var excess = sessions.Sum(s => s.Entries.Count) - maxKept;
            for (var i = 0; excess > 0 && i < sessions.Count; i++)
            {
                var dropped = Math.Min(excess, sessions[i].Entries.Count);
                sessions[i] = sessions[i] with { Entries = sessions[i].Entries[dropped..] };
                excess -= dropped;
            }
            var stored = new HistoryFile(1, [.. sessions.Where(s => s.Entries.Count > 0).Select(s =>
                new FileSession(s.Id, s.Number, [.. s.Entries.Select(e => new FileEntry(e.Line, e.Input, e.Output))]))]);
            AtomicWrite.WriteAllText(path, JsonSerializer.Serialize(stored, Protocol.KernelJson.Options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"[kernel] could not write the input history {path}: {e.Message}");
        }
    }

    /// <summary>The sessions kept in the file; none when it is missing or unreadable (the history is a convenience).</summary>
    private List<StoredSession> Read(string path)
    {
        HistoryFile? stored;
        try
        {
            if (!File.Exists(path)) return [];
            stored = JsonSerializer.Deserialize<HistoryFile>(File.ReadAllText(path), Protocol.KernelJson.Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            log.WriteLine($"[kernel] ignored the unreadable input history {path}: {e.Message}");
            return [];
        }
        return [.. (stored?.Sessions ?? []).Where(s => s is { Id: not null, Entries: not null }).Select(s => new StoredSession(s.Id, s.Session,
            [.. s.Entries.Where(e => e is { Input: not null }).Select(e => new Entry(s.Session, e.Line, e.Input, e.Output))]))];
    }

    private sealed record Entry(int Session, int Line, string Input, string? Output);

    private sealed record StoredSession(string Id, int Number, List<Entry> Entries);

    private sealed record Loaded(List<StoredSession> Earlier, int Session);

    // The file's shape: {"version": 1, "sessions": [{"id", "session", "entries": [{"line", "input", "output"}]}]}.
    private sealed record HistoryFile(int Version, List<FileSession>? Sessions);

    private sealed record FileSession(string Id, int Session, List<FileEntry> Entries);

    private sealed record FileEntry(int Line, string Input, string? Output);
}
