using DeepNlp.Grading.Policy;

namespace DeepNlp.Grading.Reports;

/// <summary>One student of the class roster, as Canvas knows them.</summary>
/// <param name="Name">Display name (Canvas "Student").</param>
/// <param name="CanvasId">Canvas user id (Canvas "ID").</param>
/// <param name="SisUserId">SIS User ID.</param>
/// <param name="SisLoginId">SIS Login ID.</param>
/// <param name="Section">Section name.</param>
public sealed record RosterEntry(string Name, string CanvasId, string SisUserId, string SisLoginId, string Section);

/// <summary>Reads the roster CSV that maps submission ids to Canvas identities.</summary>
public static class Roster
{
    /// <summary>Reads a CSV whose header names <c>student</c> (the submission id) and any of <c>name</c>, <c>canvas_id</c>,
    /// <c>sis_user_id</c>, <c>sis_login_id</c>, <c>section</c>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <exception cref="LabFormatException">No <c>student</c> column, or a short line; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, RosterEntry> Read(string path)
    {
        if (!File.Exists(path)) throw new LabFormatException($"{path}: roster not found");
        var lines = File.ReadAllLines(path);
        var header = Csv.Split(lines.FirstOrDefault() ?? "").Select(h => h.Trim().ToLowerInvariant()).ToList();
        int student = header.IndexOf("student");
        if (student < 0) throw new LabFormatException($"{path}, line 1: the header must name a \"student\" column (the submission id)");
        var result = new Dictionary<string, RosterEntry>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = Csv.Split(lines[i]);
            if (f.Count != header.Count) throw new LabFormatException($"{path}, line {i + 1}: expected {header.Count} fields, found {f.Count}");
            string Get(string column) => header.IndexOf(column) is var k and >= 0 ? f[k].Trim() : "";
            result[f[student].Trim()] = new RosterEntry(Get("name"), Get("canvas_id"), Get("sis_user_id"), Get("sis_login_id"), Get("section"));
        }
        return result;
    }
}
