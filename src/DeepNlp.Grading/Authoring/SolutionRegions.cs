using System.Text;
using System.Text.RegularExpressions;

namespace DeepNlp.Grading.Authoring;

/// <summary>Finds and replaces solution regions: <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c> in code,
/// <c>&lt;!-- BEGIN SOLUTION --&gt;</c> … <c>&lt;!-- END SOLUTION --&gt;</c> in markdown.</summary>
/// <remarks>
/// A code region becomes <c>throw new NotImplementedException("TODO text");</c> at the region's indentation, preceded by
/// the TODO comment. The TODO text is the region's <c>// TODO:</c> comment (with the comment lines that follow it), or
/// else its first comment. A markdown region becomes a placeholder for the student's answer.
/// A region opened by <c>// BEGIN SOLUTION (kernel)</c> is the body of an ILGPU kernel, which cannot throw (ILGPU fails
/// to compile a <c>throw</c> with an internal compiler error that names no TODO): it becomes the TODO comment alone, so
/// the empty kernel compiles and the check that follows it fails until the body is written.
/// </remarks>
internal static partial class SolutionRegions
{
    /// <summary>The text that replaces a markdown (written answer) region.</summary>
    public const string AnswerPlaceholder = "_Type your answer here._";

    [GeneratedRegex(@"^\s*//\s*BEGIN SOLUTION(\s*\(kernel\))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeBegin();

    [GeneratedRegex(@"^\s*//\s*END SOLUTION\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeEnd();

    [GeneratedRegex(@"^\s*<!--\s*BEGIN SOLUTION\s*-->\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownBegin();

    [GeneratedRegex(@"^\s*<!--\s*END SOLUTION\s*-->\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownEnd();

    [GeneratedRegex(@"^\s*//\s*TODO:?\s*(.*)$")]
    private static partial Regex TodoLine();

    [GeneratedRegex(@"^\s*//\s?(.*)$")]
    private static partial Regex CommentLine();

    /// <summary>True when the source has at least one region of the given flavour.</summary>
    public static bool HasRegion(string source, bool markdown)
    {
        var begin = markdown ? MarkdownBegin() : CodeBegin();
        return source.Split('\n').Any(l => begin.IsMatch(l));
    }

    /// <summary>Returns the source with every region replaced; throws naming <paramref name="where"/> and the line when markers do not pair up.</summary>
    public static string Strip(string source, bool markdown, string where)
    {
        var begin = markdown ? MarkdownBegin() : CodeBegin();
        var end = markdown ? MarkdownEnd() : CodeEnd();
        var lines = source.Split('\n');
        var sb = new StringBuilder();
        int regionStart = -1;
        bool kernel = false;
        var region = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            bool last = i == lines.Length - 1;
            if (begin.IsMatch(line))
            {
                if (regionStart >= 0) throw new LabFormatException($"{where}, line {i + 1}: BEGIN SOLUTION inside the region opened on line {regionStart + 1}");
                regionStart = i;
                kernel = !markdown && line.Contains("(kernel)", StringComparison.OrdinalIgnoreCase);
                region.Clear();
                continue;
            }
            if (end.IsMatch(line))
            {
                if (regionStart < 0) throw new LabFormatException($"{where}, line {i + 1}: END SOLUTION without BEGIN SOLUTION");
                string indent = lines[regionStart][..(lines[regionStart].Length - lines[regionStart].TrimStart().Length)];
                sb.Append(markdown ? AnswerPlaceholder + "\n" : Replacement(region, indent, kernel));
                if (last) sb.Length--;
                regionStart = -1;
                continue;
            }
            if (regionStart >= 0) region.Add(line);
            else sb.Append(line).Append(last ? "" : "\n");
        }
        if (regionStart >= 0) throw new LabFormatException($"{where}, line {regionStart + 1}: BEGIN SOLUTION without END SOLUTION");
        return sb.ToString();
    }

    /// <summary>The TODO text of a code region: its <c>// TODO:</c> comment with continuation lines, else its first comment.</summary>
    public static string TodoText(IReadOnlyList<string> region)
    {
        int at = -1;
        for (int i = 0; i < region.Count && at < 0; i++) if (TodoLine().IsMatch(region[i])) at = i;
        var parts = new List<string>();
        if (at >= 0)
        {
            parts.Add(TodoLine().Match(region[at]).Groups[1].Value.Trim());
            for (int i = at + 1; i < region.Count && CommentLine().IsMatch(region[i]); i++)
                parts.Add(CommentLine().Match(region[i]).Groups[1].Value.Trim());
        }
        else
        {
            int first = 0;
            while (first < region.Count && !CommentLine().IsMatch(region[first])) first++;
            for (int i = first; i < region.Count && CommentLine().IsMatch(region[i]); i++)
                parts.Add(CommentLine().Match(region[i]).Groups[1].Value.Trim());
        }
        string text = string.Join(' ', parts.Where(p => p.Length > 0));
        return text.Length > 0 ? text : "implement this part of the lab";
    }

    private static string Replacement(List<string> region, string indent, bool kernel)
    {
        string todo = TodoText(region);
        if (kernel) return $"{indent}// TODO: {todo}\n{indent}// (A kernel cannot throw: until this body is written it does nothing, and the check below fails.)\n";
        string literal = todo.Replace("\\", "\\\\").Replace("\"", "\\\"");
        return $"{indent}// TODO: {todo}\n{indent}throw new NotImplementedException(\"{literal}\");\n";
    }
}
