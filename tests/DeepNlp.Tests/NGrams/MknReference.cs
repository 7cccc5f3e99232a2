using System.Text.Json;

namespace DeepNlp.Tests.NGrams;

/// <summary>The fixture written by fixtures/make_mkn_reference.py (an independent re-derivation of lmplz's model).</summary>
internal sealed class MknReference
{
    public int Order { get; init; }
    public string[] Train { get; init; } = [];
    public string[] Test { get; init; } = [];
    public double[][] Discounts { get; init; } = [];
    public int[] NgramCounts { get; init; } = [];
    public JsonElement[][] Entries { get; init; } = [];
    public double[][] TestLog10 { get; init; } = [];

    private static MknReference? _cached;

    public static MknReference Load()
    {
        if (_cached is not null) return _cached;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tests", "DeepNlp.Tests", "NGrams", "fixtures", "mkn_reference.json")))
            dir = dir.Parent;
        if (dir is null) throw new FileNotFoundException("tests/DeepNlp.Tests/NGrams/fixtures/mkn_reference.json not found above the test binaries.");
        var json = File.ReadAllText(Path.Combine(dir.FullName, "tests", "DeepNlp.Tests", "NGrams", "fixtures", "mkn_reference.json"));
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return _cached = JsonSerializer.Deserialize<MknReference>(json, options)!;
    }
}
