using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>A saved training run: named tensors (parameters, optimizer state, carried hidden state), the model
/// configuration, the vocabulary and the step, in one versioned file.</summary>
/// <remarks>
/// <para>Layout: the 8 ASCII bytes <c>DNLPCKPT</c>, a little-endian int32 format version (<see cref="FormatVersion"/>),
/// an int32 header length, a UTF-8 JSON header (<see cref="CheckpointHeader"/>: dtype, step, config, vocabulary,
/// optimizer, and the name and shape of every tensor in order), then the tensors' elements back to back,
/// little-endian float32 or float64. Files are written through <see cref="AtomicFile"/>, so a crash never leaves a
/// half-written checkpoint. Loading validates every parameter's shape and names the first mismatch.</para>
/// </remarks>
public sealed class Checkpoint
{
    /// <summary>The format version written by this build.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "DNLPCKPT"u8.ToArray();

    /// <summary>Creates a checkpoint in memory.</summary>
    public Checkpoint(CheckpointHeader header, IReadOnlyDictionary<string, double[]> tensors)
    {
        Header = header;
        Tensors = tensors;
    }

    /// <summary>The header (everything but the tensor data).</summary>
    public CheckpointHeader Header { get; }

    /// <summary>Tensor data by name, widened to double.</summary>
    public IReadOnlyDictionary<string, double[]> Tensors { get; }

    /// <summary>Writes a checkpoint atomically.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="parameters">Model parameters (saved under their names with their shapes).</param>
    /// <param name="optimizer">Optimizer whose state to save, or null.</param>
    /// <param name="extra">More named buffers (e.g. the carried hidden state <c>state/h</c>).</param>
    /// <param name="header">Step, config, vocabulary; its tensor list and dtype are filled in here.</param>
    public static void Save<T>(string path, IReadOnlyList<Parameter<T>> parameters, Optimizer<T>? optimizer,
        IEnumerable<NamedBuffer<T>> extra, CheckpointHeader header) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensors = new List<(TensorEntry Entry, T[] Data)>();
        foreach (var p in parameters) tensors.Add((new TensorEntry(p.Name, [.. p.Shape]), p.Value));
        if (optimizer is not null)
            foreach (var b in optimizer.State) tensors.Add((new TensorEntry("optimizer/" + b.Name, [b.Values.Length]), b.Values));
        foreach (var b in extra) tensors.Add((new TensorEntry(b.Name, [b.Values.Length]), b.Values));
        var full = header with
        {
            DType = typeof(T) == typeof(float) ? "float32" : "float64",
            Tensors = [.. tensors.Select(t => t.Entry)],
            OptimizerKind = optimizer?.Kind ?? header.OptimizerKind,
            OptimizerSteps = optimizer?.StepCount ?? header.OptimizerSteps,
            FormatVersion = FormatVersion,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(full, JsonOptions);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> head = stackalloc byte[8];
            stream.Write(Magic);
            BinaryPrimitives.WriteInt32LittleEndian(head, FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(head[4..], json.Length);
            stream.Write(head);
            stream.Write(json);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Checkpoints are written on little-endian machines only.");
            foreach (var (_, data) in tensors) stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        });
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, has an unknown version, or is truncated; the message names the file.</exception>
    public static Checkpoint Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a DeepNlp checkpoint (missing DNLPCKPT magic).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version != FormatVersion) throw new InvalidDataException($"{path}: checkpoint format version {version}, this build reads {FormatVersion}.");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (headerLength < 0 || 16 + headerLength > bytes.Length) throw new InvalidDataException($"{path}: truncated header.");
        var header = JsonSerializer.Deserialize<CheckpointHeader>(bytes.AsSpan(16, headerLength), JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty header.");
        int size = header.DType switch
        {
            "float32" => 4, "float64" => 8,
            _ => throw new InvalidDataException($"{path}: unknown dtype '{header.DType}'."),
        };
        var tensors = new Dictionary<string, double[]>(StringComparer.Ordinal);
        long offset = 16 + headerLength;
        foreach (var t in header.Tensors)
        {
            long count = t.Shape.Aggregate(1L, (a, d) => a * d);
            if (offset + count * size > bytes.Length) throw new InvalidDataException($"{path}: truncated data in tensor '{t.Name}'.");
            var data = new double[count];
            var span = bytes.AsSpan((int)offset, (int)(count * size));
            if (size == 4) { var f = MemoryMarshal.Cast<byte, float>(span); for (int i = 0; i < count; i++) data[i] = f[i]; }
            else MemoryMarshal.Cast<byte, double>(span).CopyTo(data);
            tensors[t.Name] = data;
            offset += count * size;
        }
        return new Checkpoint(header, tensors);
    }

    /// <summary>Copies saved values into <paramref name="parameters"/>, checking that every name exists with the same shape.</summary>
    /// <exception cref="InvalidDataException">A parameter is missing or its shape differs; the message names it.</exception>
    public void RestoreParameters<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var p in parameters)
        {
            var entry = Header.Tensors.FirstOrDefault(t => t.Name == p.Name)
                ?? throw new InvalidDataException($"Checkpoint has no tensor '{p.Name}'.");
            if (!entry.Shape.SequenceEqual(p.Shape))
                throw new InvalidDataException($"Checkpoint tensor '{p.Name}' has shape [{string.Join(", ", entry.Shape)}], the model expects {p.ShapeText}.");
            Copy(Tensors[p.Name], p.Value);
        }
    }

    /// <summary>Restores an optimizer's state buffers and step count.</summary>
    /// <exception cref="InvalidDataException">The optimizer kind differs or a buffer is missing or of another length.</exception>
    public void RestoreOptimizer<T>(Optimizer<T> optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Header.OptimizerKind != optimizer.Kind)
            throw new InvalidDataException($"Checkpoint optimizer is '{Header.OptimizerKind}', the run uses '{optimizer.Kind}'.");
        foreach (var b in optimizer.State) Copy(Buffer("optimizer/" + b.Name, b.Values.Length), b.Values);
        optimizer.StepCount = Header.OptimizerSteps;
    }

    /// <summary>A saved buffer by name, checked for length.</summary>
    /// <exception cref="InvalidDataException">Missing or of another length.</exception>
    public double[] Buffer(string name, int length)
    {
        if (!Tensors.TryGetValue(name, out var data)) throw new InvalidDataException($"Checkpoint has no tensor '{name}'.");
        if (data.Length != length) throw new InvalidDataException($"Checkpoint tensor '{name}' has {data.Length} elements, expected {length}.");
        return data;
    }

    /// <summary>Whether a tensor of this name was saved.</summary>
    public bool Has(string name) => Tensors.ContainsKey(name);

    internal static void Copy<T>(double[] source, T[] destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateTruncating(source[i]);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
