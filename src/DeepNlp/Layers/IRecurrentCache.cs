using System.Numerics;

namespace DeepNlp.Layers;

/// <summary>What a recurrent layer's Forward keeps for Backward, with read access for diagnostics and carried state.</summary>
public interface IRecurrentCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of steps.</summary>
    int Time { get; }

    /// <summary>Sequences in the batch.</summary>
    int Batch { get; }

    /// <summary>The outputs h_1..h_T [time, batch, hidden] (top layer for a stack).</summary>
    ReadOnlySpan<T> Output { get; }

    /// <summary>The state h after <paramref name="step"/> steps (0 = initial) [layers, batch, hidden], a copy.</summary>
    T[] HiddenAt(int step);

    /// <summary>The cell c after <paramref name="step"/> steps [layers, batch, hidden], a copy; empty when the layer has no cell.</summary>
    T[] CellAt(int step);

    /// <summary>∂L/∂h_t summed over both paths (output and next step) [time, batch, hidden] of the last Backward,
    /// recorded only when <see cref="TraceGradients"/> was set before it (bottom layer for a stack); else empty.</summary>
    ReadOnlySpan<T> HiddenGradients { get; }

    /// <summary>Set to record <see cref="HiddenGradients"/> during Backward (the vanishing-gradient diagnostics).</summary>
    bool TraceGradients { get; set; }
}
