using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Runs one recurrent layer left to right and another right to left and concatenates their outputs per step.</summary>
/// <remarks>
/// Output step t is [h→_t ; h←_t] [time, batch, 2H], as nn.LSTM(bidirectional=True). With per-sequence lengths (padded
/// batches), each sequence is reversed within its own length, so the right-to-left layer starts at the sequence's last
/// real token and padding never flows into real positions of either direction. Taught in
/// notebooks/08_rnns_in_practice.ipynb (and used by the tagger).
/// </remarks>
public sealed class Bidirectional<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _xr = [], _out = [], _dfw = [], _dbw = [], _dxr = [];
    private int[] _lengths = [];
    private IRecurrentCache<T>? _fwCache, _bwCache;
    private int _time, _batch;

    /// <summary>Pairs a left-to-right and a right-to-left layer of the same sizes.</summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public Bidirectional(IRecurrentLayer<T> forward, IRecurrentLayer<T> backward)
    {
        if (forward.InputSize != backward.InputSize || forward.HiddenSize != backward.HiddenSize)
            throw new ArgumentException("Both directions need the same input and hidden sizes.", nameof(backward));
        Forward = forward; Backward = backward;
    }

    /// <summary>The left-to-right layer.</summary>
    public IRecurrentLayer<T> Forward { get; }

    /// <summary>The right-to-left layer.</summary>
    public IRecurrentLayer<T> Backward { get; }

    /// <summary>Features per output step: 2H.</summary>
    public int OutputSize => 2 * Forward.HiddenSize;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. Forward.Parameters, .. Backward.Parameters];

    /// <summary>Runs both directions over x [time, batch, input] and returns [time, batch, 2H] (valid until the next call).</summary>
    /// <param name="x">Inputs, time-major.</param>
    /// <param name="time">Steps.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="lengths">Real length of each sequence (null = all full length).</param>
    /// <param name="training">Whether dropout inside stacks is active.</param>
    public ReadOnlySpan<T> Run(ReadOnlySpan<T> x, int time, int batch, ReadOnlySpan<int> lengths = default, bool training = true)
    {
        int I = Forward.InputSize, H = Forward.HiddenSize;
        _time = time; _batch = batch;
        _lengths = lengths.IsEmpty ? [.. Enumerable.Repeat(time, batch)] : lengths.ToArray();
        Grow(ref _xr, x.Length); Grow(ref _out, time * batch * 2 * H);
        Reverse(x, _xr, I);                                                    // x←_t = x_{len-1-t}
        _fwCache = Forward.Forward(x, time, batch, default, default, training);
        _bwCache = Backward.Forward(_xr.AsSpan(0, x.Length), time, batch, default, default, training);
        var fw = _fwCache.Output; var bw = _bwCache.Output;
        Grow(ref _dbw, time * batch * H);
        Reverse(bw, _dbw, H);                                                  // h←_t back in reading order
        for (int r = 0; r < time * batch; r++)
        {
            fw.Slice(r * H, H).CopyTo(_out.AsSpan(r * 2 * H, H));              // [h→_t ;
            _dbw.AsSpan(r * H, H).CopyTo(_out.AsSpan(r * 2 * H + H, H));      //  h←_t]
        }
        return _out.AsSpan(0, time * batch * 2 * H);
    }

    /// <summary>Backpropagates ∂L/∂output [time, batch, 2H] through both directions; writes ∂x unless empty.</summary>
    /// <exception cref="InvalidOperationException">No Run preceded it.</exception>
    public void Backpropagate(ReadOnlySpan<T> dOutput, Span<T> dx)
    {
        if (_fwCache is null || _bwCache is null) throw new InvalidOperationException("Backpropagate needs a Run first.");
        int H = Forward.HiddenSize, I = Forward.InputSize, n = _time * _batch;
        Grow(ref _dfw, n * H); Grow(ref _dbw, n * H); Grow(ref _dxr, n * I);
        var tmp = new T[n * H];
        for (int r = 0; r < n; r++)
        {
            dOutput.Slice(r * 2 * H, H).CopyTo(_dfw.AsSpan(r * H, H));
            dOutput.Slice(r * 2 * H + H, H).CopyTo(tmp.AsSpan(r * H, H));
        }
        Reverse(tmp, _dbw, H);
        Forward.Backward(_fwCache, _dfw.AsSpan(0, n * H), default, default, dx, default, default);
        var dxr = _dxr.AsSpan(0, n * I);
        Backward.Backward(_bwCache, _dbw.AsSpan(0, n * H), default, default, dx.IsEmpty ? default : dxr, default, default);
        if (dx.IsEmpty) return;
        var back = new T[n * I];
        Reverse(dxr, back, I);
        Ops.AddInPlace<T>(back, dx);                                           // ∂x_t = ∂x→_t + ∂x←_{len-1-t}
    }

    // Reverses each sequence within its length; positions at or beyond the length stay where they are.
    private void Reverse(ReadOnlySpan<T> source, Span<T> destination, int width)
    {
        for (int b = 0; b < _batch; b++)
            for (int t = 0; t < _time; t++)
            {
                int len = _lengths[b];
                int s = t < len ? len - 1 - t : t;
                source.Slice((s * _batch + b) * width, width).CopyTo(destination.Slice((t * _batch + b) * width, width));
            }
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
