namespace DeepNlp.Bench.Neural;

/// <summary>Prints an aligned text table.</summary>
internal static class Table
{
    public static void Print(string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 || i == 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var r in rows) Console.WriteLine(Line(r));
    }
}
