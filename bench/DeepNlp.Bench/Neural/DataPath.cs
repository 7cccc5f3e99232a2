namespace DeepNlp.Bench.Neural;

/// <summary>Finds datasets/tinyshakespeare/input.txt above the working directory or the binary (DEEPNLP_DATASETS overrides).</summary>
internal static class DataPath
{
    public static string TinyShakespeare()
    {
        var env = Environment.GetEnvironmentVariable("DEEPNLP_DATASETS");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "tinyshakespeare", "input.txt")))
            return Path.Combine(env, "tinyshakespeare", "input.txt");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var p = Path.Combine(dir.FullName, "datasets", "tinyshakespeare", "input.txt");
                if (File.Exists(p)) return p;
            }
        throw new FileNotFoundException("datasets/tinyshakespeare/input.txt not found; set DEEPNLP_DATASETS.");
    }
}

/// <summary>Character ids by sorted code point, as char-rnn and the PyTorch peer build them.</summary>
internal static class CharIds
{
    public static (int[] Ids, int Vocabulary) Encode(string text)
    {
        var chars = text.Distinct().OrderBy(c => c).ToArray();
        var map = chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        return (text.Select(c => map[c]).ToArray(), chars.Length);
    }
}
