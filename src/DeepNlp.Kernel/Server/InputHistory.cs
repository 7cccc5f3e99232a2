using System.Text.Json.Nodes;

namespace DeepNlp.Kernel.Server;

/// <summary>The inputs executed in this kernel session, with their text results, as history_request reads them.</summary>
/// <remarks>
/// <para>Each cell run with <c>store_history</c> (and not silent) is kept under its execution count, which is its line
/// number, in session <see cref="CurrentSession"/>; its execute_result's text/plain is kept as its output. IPython keeps
/// history in SQLite across sessions; the kit keeps the current session in memory only, so earlier sessions are empty.</para>
/// <para>Access types as ipykernel serves them: tail (the last n inputs), range (lines start ≤ line &lt; stop of a session;
/// session 0 is the current one, negative counts back from it), search (a glob over the whole input, see
/// <see cref="GlobPattern"/>; the last n matches, each input once when unique). Entries are
/// <c>[session, line, input]</c>, or <c>[session, line, [input, output]]</c> with output null when the cell showed no result.</para>
/// </remarks>
internal sealed class InputHistory
{
    private readonly object gate = new();
    private readonly List<Entry> entries = [];

    /// <summary>The number of this kernel's session in replies (IPython numbers sessions from 1).</summary>
    public const int CurrentSession = 1;

    /// <summary>Keeps a cell's input under its line number (its execution count).</summary>
    public void Record(int line, string input)
    {
        lock (gate) entries.Add(new Entry(line, input));
    }

    /// <summary>Keeps the text of a cell's result.</summary>
    public void RecordOutput(int line, string text)
    {
        lock (gate)
        {
            var index = entries.FindLastIndex(e => e.Line == line);
            if (index >= 0) entries[index] = entries[index] with { Output = text };
        }
    }

    /// <summary>The last <paramref name="n"/> inputs, oldest first.</summary>
    public JsonArray Tail(int n, bool output)
    {
        lock (gate) return Reply(entries.Skip(Math.Max(0, entries.Count - Math.Max(0, n))), output);
    }

    /// <summary>Lines <paramref name="start"/> ≤ line &lt; <paramref name="stop"/> (to the end when null) of a session.</summary>
    public JsonArray Range(int session, int start, int? stop, bool output)
    {
        var absolute = session <= 0 ? CurrentSession + session : session;
        if (absolute != CurrentSession) return [];
        lock (gate) return Reply(entries.Where(e => e.Line >= start && (stop is null || e.Line < stop)), output);
    }

    /// <summary>Inputs matching a glob, oldest first: the last <paramref name="n"/> (all when null), each input once when
    /// <paramref name="unique"/> (its latest run).</summary>
    public JsonArray Search(string pattern, int? n, bool unique, bool output)
    {
        lock (gate)
        {
            var matches = entries.Where(e => GlobPattern.IsMatch(pattern, e.Input)).ToList();
            if (unique)
            {
                var latest = new HashSet<string>(StringComparer.Ordinal);
                matches = matches.AsEnumerable().Reverse().Where(e => latest.Add(e.Input)).Reverse().ToList();
            }
            if (n is { } count) matches = matches.Skip(Math.Max(0, matches.Count - Math.Max(0, count))).ToList();
            return Reply(matches, output);
        }
    }

    private static JsonArray Reply(IEnumerable<Entry> selected, bool output) =>
        new(selected.Select(e => (JsonNode)new JsonArray(
            CurrentSession, e.Line, output ? new JsonArray(e.Input, e.Output) : (JsonNode)e.Input)).ToArray());

    private sealed record Entry(int Line, string Input, string? Output = null);
}
