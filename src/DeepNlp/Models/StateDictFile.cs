using System.Text.Json;

namespace DeepNlp.Models;

/// <summary>Reads and writes a PyTorch state dict as plain JSON, so weights move between the kit and PyTorch without numpy
/// or pickle.</summary>
/// <remarks>
/// <para>Format: one JSON object whose keys are the state_dict names in order, each mapping to
/// <c>{"shape": [d0, d1, …], "data": [x0, x1, …]}</c> with the elements row-major (<c>tensor.flatten().tolist()</c>).
/// Numbers are written with round-trip precision, so float64 weights survive exactly. From Python:</para>
/// <code>
/// json.dump({k: {"shape": list(v.shape), "data": v.double().flatten().tolist()} for k, v in model.state_dict().items()}, f)
/// sd = {k: torch.tensor(v["data"], dtype=torch.float64).reshape(v["shape"]) for k, v in json.load(f).items()}
/// </code>
/// <para>Writes are atomic (<see cref="AtomicFile"/>). Used by <see cref="TransformerLanguageModel{T}"/>.</para>
/// </remarks>
public static class StateDictFile
{
    /// <summary>Writes the tensors, in order, atomically.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="tensors">The tensors.</param>
    /// <exception cref="ArgumentException">A tensor's shape does not match its element count.</exception>
    public static void Write(string path, IEnumerable<NamedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
            json.WriteStartObject();
            foreach (var t in tensors)
            {
                long count = t.Shape.Aggregate(1L, (a, d) => a * d);
                if (count != t.Values.Length)
                    throw new ArgumentException($"Tensor '{t.Name}' has {t.Values.Length} values but shape [{string.Join(", ", t.Shape)}].", nameof(tensors));
                json.WriteStartObject(t.Name);
                json.WriteStartArray("shape");
                foreach (int d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data");
                foreach (double v in t.Values) json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });
    }

    /// <summary>Reads the tensors in file order.</summary>
    /// <param name="path">A file in the format above.</param>
    /// <returns>The tensors.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The JSON is not in the format above; the message names the file and the tensor.</exception>
    public static IReadOnlyList<NamedTensor> Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: expected a JSON object of tensors.");
        var result = new List<NamedTensor>();
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            if (!entry.Value.TryGetProperty("shape", out var shape) || !entry.Value.TryGetProperty("data", out var data))
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' needs \"shape\" and \"data\".");
            int[] dims = [.. shape.EnumerateArray().Select(d => d.GetInt32())];
            double[] values = [.. data.EnumerateArray().Select(v => v.GetDouble())];
            if (dims.Aggregate(1L, (a, d) => a * d) != values.Length)
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' has {values.Length} values but shape [{string.Join(", ", dims)}].");
            result.Add(new NamedTensor(entry.Name, dims, values));
        }
        return result;
    }
}
