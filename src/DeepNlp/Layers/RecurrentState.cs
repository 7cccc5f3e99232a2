using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>The state a recurrent model carries between calls: h (and c for an LSTM), each [layers, batch, hidden].</summary>
/// <remarks>Carrying it across truncated-BPTT windows "detaches" it: it is a copy, so no gradient flows back into the
/// window that produced it.</remarks>
/// <param name="H">Hidden states [layers, batch, hidden].</param>
/// <param name="C">Memory cells [layers, batch, hidden], or empty for RNN/GRU.</param>
public sealed record RecurrentState<T>(T[] H, T[] C) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A deep copy.</summary>
    public RecurrentState<T> Copy() => new((T[])H.Clone(), (T[])C.Clone());
}
