namespace DeepNlp.Data;

/// <summary>Reads the CoNLL-U format (universaldependencies.org/format.html) into tagged sentences.</summary>
public static class ConllU
{
    /// <summary>Streams the sentences of CoNLL-U lines: FORM, UPOS and XPOS of every integer-ID row.</summary>
    /// <param name="lines">The file's lines; comments start with <c>#</c>, a blank line ends a sentence.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="FormatException">A token row has fewer than 10 TAB-separated fields (message names file and line).</exception>
    public static IEnumerable<TaggedSentence> Read(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var forms = new List<string>();
        var upos = new List<string>();
        var xpos = new List<string>();
        int lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (line.Length == 0)
            {
                if (forms.Count > 0) yield return Flush();
                continue;
            }
            if (line[0] == '#') continue;
            if (!ParseRow(line, source, lineNo, out var form, out var u, out var x)) continue;
            forms.Add(form);
            upos.Add(u);
            xpos.Add(x);
        }
        if (forms.Count > 0) yield return Flush();

        TaggedSentence Flush()
        {
            var s = new TaggedSentence(forms.ToArray(), upos.ToArray(), xpos.ToArray());
            forms.Clear();
            upos.Clear();
            xpos.Clear();
            return s;
        }
    }

    /// <summary>Reads FORM, UPOS and XPOS of a token row; false for multiword ranges (3-4) and empty nodes (8.1), which carry no tag of their own.</summary>
    private static bool ParseRow(string line, string source, int lineNo, out string form, out string upos, out string xpos)
    {
        // Fields: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC; only 0, 1, 3 and 4 are needed.
        int t0 = line.IndexOf('\t');
        int t1 = t0 < 0 ? -1 : line.IndexOf('\t', t0 + 1);
        int t2 = t1 < 0 ? -1 : line.IndexOf('\t', t1 + 1);
        int t3 = t2 < 0 ? -1 : line.IndexOf('\t', t2 + 1);
        int t4 = t3 < 0 ? -1 : line.IndexOf('\t', t3 + 1);
        int fields = t4 < 0 ? 0 : line.AsSpan(t4).Count('\t') + 5;
        if (fields != 10)
            throw new FormatException($"{source}:{lineNo}: expected 10 TAB-separated CoNLL-U fields, got {line.AsSpan().Count('\t') + 1}.");
        form = upos = xpos = "";
        if (t0 == 0 || line.AsSpan(0, t0).ContainsAnyExceptInRange('0', '9')) return false;
        form = line[(t0 + 1)..t1];
        upos = line[(t2 + 1)..t3];
        xpos = line[(t3 + 1)..t4];
        return true;
    }
}
