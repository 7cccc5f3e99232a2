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
            var f = line.Split('\t');
            if (f.Length != 10)
                throw new FormatException($"{source}:{lineNo}: expected 10 TAB-separated CoNLL-U fields, got {f.Length}.");
            // Multiword ranges (3-4) and empty nodes (8.1) carry no tag of their own for POS tagging.
            if (!f[0].AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                forms.Add(f[1]);
                upos.Add(f[3]);
                xpos.Add(f[4]);
            }
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
}
