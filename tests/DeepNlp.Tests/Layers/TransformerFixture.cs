using System.Text.Json;
using DeepNlp.Models;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Layers;

/// <summary>Reads the float64 PyTorch fixtures of fixtures/transformer/make.py and compares the kit's tensors with them.</summary>
internal static class TransformerFixture
{
    public static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(PathOf(name))).RootElement.Clone();

    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "tests", "DeepNlp.Tests", "fixtures", "transformer", name);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException($"fixtures/transformer/{name} not found above {AppContext.BaseDirectory}.");
    }

    public static double[] A(JsonElement f, string name) => [.. f.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    public static bool[] Bools(JsonElement f, string name) => [.. f.GetProperty(name).EnumerateArray().Select(v => v.GetBoolean())];

    public static int Int(JsonElement f, string name) => f.GetProperty(name).GetInt32();

    /// <summary>The fixture key of a kit parameter: its PyTorch name without the layer's own prefix.</summary>
    public static string Key(Parameter<double> p, string prefix) => TransformerLanguageModel<double>.TorchName(p.Name)[prefix.Length..];

    public static void LoadWeights(IEnumerable<Parameter<double>> parameters, JsonElement f, string prefix)
    {
        foreach (var p in parameters)
        {
            var values = A(f, Key(p, prefix));
            Assert.Equal(p.Length, values.Length);
            values.CopyTo(p.Value, 0);
        }
    }

    public static void AssertGradients(IEnumerable<Parameter<double>> parameters, JsonElement f, string prefix)
    {
        foreach (var p in parameters) AssertClose(A(f, "grad_" + Key(p, prefix)), p.Grad, f, "grad_" + Key(p, prefix));
    }

    public static void AssertClose(double[] expected, ReadOnlySpan<double> actual, JsonElement f, string what)
    {
        double tol = f.GetProperty("tolerance").GetDouble();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"{what}[{i}]: PyTorch {expected[i]:R}, kit {actual[i]:R}");
    }
}
