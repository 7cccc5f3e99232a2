using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>The part of a single recurrent layer's cache every cell shares: the inputs and the hidden states.</summary>
/// <remarks>Buffers are reused across Forward calls of the same shape; a cache is valid until the next Forward.</remarks>
public abstract class RecurrentCache<T> : IRecurrentCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Allocates buffers for a sequence.</summary>
    protected RecurrentCache(int time, int batch, int input, int hidden)
    {
        Time = time; Batch = batch; InputSize = input; HiddenSize = hidden;
        X = new T[time * batch * input];
        H = new T[(time + 1) * batch * hidden];
    }

    /// <inheritdoc />
    public int Time { get; }

    /// <inheritdoc />
    public int Batch { get; }

    /// <summary>Features per input step.</summary>
    public int InputSize { get; }

    /// <summary>Features per hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>A copy of the inputs x_1..x_T [time, batch, input].</summary>
    public T[] X { get; }

    /// <summary>h_0..h_T [time + 1, batch, hidden]; h_0 is the initial state.</summary>
    public T[] H { get; }

    /// <inheritdoc />
    public ReadOnlySpan<T> Output => H.AsSpan(Batch * HiddenSize);

    /// <summary>h_t [batch, hidden] for t in 0..T.</summary>
    public Span<T> HiddenStep(int t) => H.AsSpan(t * Batch * HiddenSize, Batch * HiddenSize);

    /// <inheritdoc />
    public T[] HiddenAt(int step) => HiddenStep(step).ToArray();

    /// <inheritdoc />
    public virtual T[] CellAt(int step) => [];

    /// <inheritdoc />
    public ReadOnlySpan<T> HiddenGradients => TraceGradients && Traced is not null ? Traced : ReadOnlySpan<T>.Empty;

    /// <inheritdoc />
    public bool TraceGradients { get; set; }

    /// <summary>Storage for <see cref="HiddenGradients"/>, allocated by Backward when tracing.</summary>
    protected internal T[]? Traced { get => _traced; set => _traced = value; }

    private T[]? _traced;

    /// <summary>Whether the buffers fit a sequence of this shape.</summary>
    public bool Fits(int time, int batch, int input, int hidden) =>
        Time == time && Batch == batch && InputSize == input && HiddenSize == hidden;

    /// <summary>Records ∂L/∂h_t (step t, 1-based: the output h_t) of the rows from <paramref name="firstRow"/> on, when tracing.</summary>
    /// <remarks>Threads running disjoint rows of the batch may call this at once.</remarks>
    protected internal void Trace(int t, int firstRow, ReadOnlySpan<T> dh)
    {
        if (!TraceGradients) return;
        if (_traced is null) Interlocked.CompareExchange(ref _traced, new T[Time * Batch * HiddenSize], null);
        dh.CopyTo(_traced.AsSpan(((t - 1) * Batch + firstRow) * HiddenSize, dh.Length));
    }
}
