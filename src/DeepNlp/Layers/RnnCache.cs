using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>What <see cref="Rnn{T}"/> keeps from Forward: the inputs and hidden states (the nonlinearity's output is h itself).</summary>
public sealed class RnnCache<T> : RecurrentCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal RnnCache(int time, int batch, int input, int hidden) : base(time, batch, input, hidden) { }
}
