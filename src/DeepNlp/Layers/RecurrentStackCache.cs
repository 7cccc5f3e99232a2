using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>What a <see cref="RecurrentStack{T}"/>'s Forward keeps: one cache per layer, and the dropped-out inputs between them.</summary>
/// <remarks>
/// The stack's state is layer by layer, as PyTorch's h_n: <see cref="HiddenAt"/> and <see cref="CellAt"/> are
/// [layers, batch, hidden], layer 0 first. Diagnostics read one layer: <c>(LstmCache&lt;float&gt;)stack.LastCache!.Layers[0]</c>
/// holds the bottom LSTM's gates (<c>SequenceDiagnostics.Gates</c>; taught in notebooks/07_lstm_and_gru.ipynb). Buffers are
/// reused by the next Forward of the same shape, so a cache is valid until then.
/// </remarks>
public sealed class RecurrentStackCache<T> : IRecurrentCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IRecurrentCache<T>[] _layers;
    private readonly bool _hasCell, _residual;

    internal RecurrentStackCache(int layers, int time, int batch, int hidden, bool hasCell, bool residual = false)
    {
        Time = time; Batch = batch; _hasCell = hasCell; _residual = residual && layers > 1;
        _layers = new IRecurrentCache<T>[layers];
        Summed = [.. Enumerable.Range(0, layers).Select(l => _residual && l > 0 ? new T[time * batch * hidden] : [])];
        Dropped = [.. Enumerable.Range(0, layers - 1).Select(_ => new T[time * batch * hidden])];
        DInput = [.. Enumerable.Range(0, layers - 1).Select(_ => new T[time * batch * hidden])];
    }

    /// <summary>Each layer's cache, bottom first (an <see cref="LstmCache{T}"/>, <see cref="GruCache{T}"/> or <see cref="RnnCache{T}"/>).</summary>
    public IReadOnlyList<IRecurrentCache<T>> Layers => _layers;

    /// <summary>Layer ℓ's output after dropout, the input of layer ℓ+1 [time, batch, hidden].</summary>
    internal T[][] Dropped { get; }

    /// <summary>∂L/∂(input of layer ℓ+1) during Backward [time, batch, hidden].</summary>
    internal T[][] DInput { get; }

    /// <summary>Residual stacks: y^{(ℓ)} = h^{(ℓ)} + x^{(ℓ)} of each layer above the bottom [time, batch, hidden]; empty otherwise.</summary>
    internal T[][] Summed { get; }

    /// <inheritdoc />
    public int Time { get; }

    /// <inheritdoc />
    public int Batch { get; }

    /// <inheritdoc />
    public ReadOnlySpan<T> Output => _residual ? Summed[^1] : _layers[^1].Output;

    /// <inheritdoc />
    public T[] HiddenAt(int step) => [.. _layers.SelectMany(c => c.HiddenAt(step))];

    /// <inheritdoc />
    public T[] CellAt(int step) => _hasCell ? [.. _layers.SelectMany(c => c.CellAt(step))] : [];

    /// <inheritdoc />
    public ReadOnlySpan<T> HiddenGradients => _layers[0].HiddenGradients;

    /// <inheritdoc />
    public bool TraceGradients
    {
        get => _layers[0].TraceGradients;
        set { foreach (var c in _layers) c.TraceGradients = value; }
    }

    /// <summary>Stores layer ℓ's cache from the Forward in progress.</summary>
    internal void SetLayer(int layer, IRecurrentCache<T> cache) => _layers[layer] = cache;
}
