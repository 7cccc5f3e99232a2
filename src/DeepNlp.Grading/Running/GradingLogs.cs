using System.Text;
using System.Text.Json;
using DeepNlp.Labs;

namespace DeepNlp.Grading.Running;

/// <summary>Appends and reads the two JSON-lines logs a grading worker leaves: cells and tests.</summary>
/// <remarks>Append-only and flushed per line, so whatever a dying worker managed to write is kept; lines that do not
/// parse or carry another nonce are ignored (a submission printing look-alike lines gains nothing).</remarks>
internal static class GradingLogs
{
    public static void Append<T>(string path, T record)
    {
        using var log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        log.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record) + "\n"));
        log.Flush(flushToDisk: true);
    }

    public static List<CellEvent> ReadCells(string path, string nonce) =>
        Read<CellEvent>(path).Where(e => e.Nonce == nonce).ToList();

    public static List<GradingEvent> ReadTests(string path, string nonce) =>
        Read<GradingEvent>(path).Where(e => e.Nonce == nonce).ToList();

    public static int LineCount(string path) => File.Exists(path) ? File.ReadLines(path).Count() : 0;

    private static IEnumerable<T> Read<T>(string path) where T : class
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path))
        {
            T? record = null;
            try { record = JsonSerializer.Deserialize<T>(line); }
            catch (JsonException) { }
            if (record is not null) yield return record;
        }
    }
}
