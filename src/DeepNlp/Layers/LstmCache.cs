using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>What <see cref="Lstm{T}"/> keeps from Forward: gate activations, cells and tanh(c) for every step.</summary>
public sealed class LstmCache<T> : RecurrentCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal LstmCache(int time, int batch, int input, int hidden) : base(time, batch, input, hidden)
    {
        Gates = new T[time * batch * 4 * hidden];
        C = new T[(time + 1) * batch * hidden];
        TanhC = new T[time * batch * hidden];
    }

    /// <summary>Activated gates [time, batch, 4·hidden], each row laid out i, f, g, o (nn.LSTM's order).</summary>
    public T[] Gates { get; }

    /// <summary>c_0..c_T [time + 1, batch, hidden].</summary>
    public T[] C { get; }

    /// <summary>tanh(c_t) for t = 1..T [time, batch, hidden].</summary>
    public T[] TanhC { get; }

    /// <inheritdoc />
    public override T[] CellAt(int step) => C.AsSpan(step * Batch * HiddenSize, Batch * HiddenSize).ToArray();
}
