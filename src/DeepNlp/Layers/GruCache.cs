using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>What <see cref="Gru{T}"/> keeps from Forward: gates r, z, candidate n, and W_hn h + b_hn for every step.</summary>
public sealed class GruCache<T> : RecurrentCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal GruCache(int time, int batch, int input, int hidden) : base(time, batch, input, hidden)
    {
        Gates = new T[time * batch * 3 * hidden];
        HiddenN = new T[time * batch * hidden];
        Zh = new T[batch * 3 * hidden];
    }

    /// <summary>Activated r, z and n [time, batch, 3·hidden], each row laid out r, z, n (nn.GRU's order).</summary>
    public T[] Gates { get; }

    /// <summary>W_hn h_{t-1} + b_hn [time, batch, hidden], the term the reset gate scales.</summary>
    public T[] HiddenN { get; }

    /// <summary>Scratch for W_hh h_{t-1} + b_hh of one step [batch, 3·hidden].</summary>
    internal T[] Zh { get; }
}
