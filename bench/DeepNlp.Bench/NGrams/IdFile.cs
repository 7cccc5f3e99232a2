namespace DeepNlp.Bench.NGrams;

/// <summary>Int-encoded sentences in a small binary file, so the measured child process skips tokenisation.</summary>
internal static class IdFile
{
    public static void Write(string path, IReadOnlyList<int[]> sentences)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(sentences.Count);
        foreach (var s in sentences)
        {
            w.Write(s.Length);
            foreach (int id in s) w.Write(id);
        }
    }

    public static List<int[]> Read(string path)
    {
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16));
        int n = r.ReadInt32();
        var result = new List<int[]>(n);
        for (int i = 0; i < n; i++)
        {
            var s = new int[r.ReadInt32()];
            for (int k = 0; k < s.Length; k++) s[k] = r.ReadInt32();
            result.Add(s);
        }
        return result;
    }
}
