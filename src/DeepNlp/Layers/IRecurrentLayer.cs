using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>A recurrent layer unrolled over a sequence: Elman RNN, LSTM, GRU, or a stack of them.</summary>
/// <remarks>
/// Sequences are time-major: x is [time, batch, input] — a stack of per-step [batch, input] matrices, as nn.LSTM with
/// batch_first=False — and outputs are [time, batch, hidden]. States h and c are [layers, batch, hidden] (layers = 1
/// for a single cell). An empty initial state means zeros; an empty gradient span means "not needed" (or zero).
/// </remarks>
public interface IRecurrentLayer<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Features per input step.</summary>
    int InputSize { get; }

    /// <summary>Features per output step (and per layer of the state).</summary>
    int HiddenSize { get; }

    /// <summary>Number of stacked layers in the state (1 for a cell).</summary>
    int Layers { get; }

    /// <summary>True for the LSTM, whose state has a memory cell c besides h.</summary>
    bool HasCell { get; }

    /// <summary>Runs the layer over a sequence and returns what Backward needs.</summary>
    /// <param name="x">Inputs [time, batch, input].</param>
    /// <param name="time">Number of steps.</param>
    /// <param name="batch">Sequences in the batch.</param>
    /// <param name="h0">Initial h [layers, batch, hidden], or empty for zeros.</param>
    /// <param name="c0">Initial c [layers, batch, hidden] (LSTM only), or empty for zeros.</param>
    /// <param name="training">Whether dropout (stacks) is active.</param>
    /// <returns>The cache; valid until the next Forward of this instance.</returns>
    IRecurrentCache<T> Forward(ReadOnlySpan<T> x, int time, int batch, ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, bool training = true);

    /// <summary>Backpropagation through time over the cached sequence; accumulates parameter gradients.</summary>
    /// <param name="cache">The cache of the matching Forward.</param>
    /// <param name="dOutput">∂L/∂h_t for every step [time, batch, hidden].</param>
    /// <param name="dhLast">∂L/∂h_T from beyond the sequence [layers, batch, hidden], or empty.</param>
    /// <param name="dcLast">∂L/∂c_T [layers, batch, hidden], or empty.</param>
    /// <param name="dx">∂L/∂x [time, batch, input], overwritten; empty to skip.</param>
    /// <param name="dh0">∂L/∂h_0 [layers, batch, hidden], overwritten; empty to skip.</param>
    /// <param name="dc0">∂L/∂c_0 [layers, batch, hidden], overwritten; empty to skip.</param>
    void Backward(IRecurrentCache<T> cache, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> dhLast, ReadOnlySpan<T> dcLast,
        Span<T> dx, Span<T> dh0, Span<T> dc0);
}
