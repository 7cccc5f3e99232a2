using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>A 1-D convolution over a sequence of embeddings followed by max-over-time pooling (Kim 2014; Collobert et al. 2011).</summary>
/// <remarks>
/// For input rows x_1..x_L [L, E] and filters W [F, width·E]: z_t = W [x_t; …; x_{t+width-1}] + b for t = 1..L-width+1,
/// then y[f] = max_t z_t[f]. The slides' alternative to averaging or concatenating a window: a fixed-size output for any
/// length, sensitive to order inside each width-long n-gram. Backward routes each filter's gradient to the position that
/// won the max. Taught in notebooks/04_neural_language_models.ipynb.
/// </remarks>
public sealed class Conv1dMaxPool<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _cols = [], _z = [], _dz = [], _dcols = [];
    private int[] _argmax = [];
    private int _n, _length;

    /// <summary>Creates the layer.</summary>
    /// <param name="name">Parameter name prefix.</param>
    /// <param name="embeddingSize">E.</param>
    /// <param name="width">Filter width in tokens.</param>
    /// <param name="filters">F.</param>
    /// <param name="rng">Source of initial weights (U(±1/√(width·E)) as nn.Conv1d).</param>
    public Conv1dMaxPool(string name, int embeddingSize, int width, int filters, Random rng)
    {
        EmbeddingSize = embeddingSize; Width = width; Filters = filters;
        W = new Parameter<T>(name + ".W", filters, width * embeddingSize);
        B = new Parameter<T>(name + ".b", filters);
        double a = 1.0 / Math.Sqrt(width * embeddingSize);
        Init.Uniform<T>(W.Value, -a, a, rng);
        Init.Uniform<T>(B.Value, -a, a, rng);
    }

    /// <summary>Filters [F, width·E].</summary>
    public Parameter<T> W { get; }

    /// <summary>Bias [F].</summary>
    public Parameter<T> B { get; }

    /// <summary>E.</summary>
    public int EmbeddingSize { get; }

    /// <summary>Filter width in tokens.</summary>
    public int Width { get; }

    /// <summary>F.</summary>
    public int Filters { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [W, B];

    /// <summary>y [n, F] = max-over-time of the convolution of each of n sequences x [n, length, E].</summary>
    /// <exception cref="ArgumentException">The length is shorter than the width or the spans do not match.</exception>
    public void Forward(ReadOnlySpan<T> x, int n, int length, Span<T> y)
    {
        if (length < Width) throw new ArgumentException($"Sequence length {length} is shorter than the filter width {Width}.", nameof(length));
        if (x.Length != n * length * EmbeddingSize) throw new ArgumentException($"x has {x.Length} elements, expected [{n}, {length}, {EmbeddingSize}].", nameof(x));
        if (y.Length != n * Filters) throw new ArgumentException($"y has {y.Length} elements, expected [{n}, {Filters}].", nameof(y));
        _n = n; _length = length;
        int positions = length - Width + 1, K = Width * EmbeddingSize, rows = n * positions;
        if (_cols.Length < rows * K) _cols = new T[rows * K];
        if (_z.Length < rows * Filters) { _z = new T[rows * Filters]; _dz = new T[rows * Filters]; }
        if (_argmax.Length < n * Filters) _argmax = new int[n * Filters];
        for (int s = 0; s < n; s++)
            for (int t = 0; t < positions; t++)
                x.Slice((s * length + t) * EmbeddingSize, K).CopyTo(_cols.AsSpan((s * positions + t) * K, K));   // [x_t; …; x_{t+w-1}]
        var z = _z.AsSpan(0, rows * Filters);
        Ops.Gemm(_cols.AsSpan(0, rows * K), W.Value, z, rows, Filters, K, transposeB: true);   // z_t = W window_t
        Ops.AddRowVector<T>(B.Value, z);                                                 //   + b
        for (int s = 0; s < n; s++)
            for (int f = 0; f < Filters; f++)
            {
                int best = 0;
                for (int t = 1; t < positions; t++) if (z[(s * positions + t) * Filters + f] > z[(s * positions + best) * Filters + f]) best = t;
                _argmax[s * Filters + f] = best;
                y[s * Filters + f] = z[(s * positions + best) * Filters + f];              // y_f = max_t z_t[f]
            }
    }

    /// <summary>Accumulates ∂W, ∂b and writes ∂x [n, length, E] (unless empty) from ∂y [n, F].</summary>
    public void Backward(ReadOnlySpan<T> dy, Span<T> dx)
    {
        int positions = _length - Width + 1, K = Width * EmbeddingSize, rows = _n * positions;
        var dz = _dz.AsSpan(0, rows * Filters);
        dz.Clear();
        for (int s = 0; s < _n; s++)
            for (int f = 0; f < Filters; f++) dz[(s * positions + _argmax[s * Filters + f]) * Filters + f] = dy[s * Filters + f];   // only the winner
        Ops.Gemm(dz, _cols.AsSpan(0, rows * K), W.Grad, Filters, K, rows, transposeA: true, accumulate: true);   // ∂W += ∂zᵀ windows
        Ops.SumRowsAccumulate<T>(dz, B.Grad);
        if (dx.IsEmpty) return;
        if (_dcols.Length < rows * K) _dcols = new T[rows * K];
        var dcols = _dcols.AsSpan(0, rows * K);
        Ops.Gemm(dz, W.Value, dcols, rows, K, Filters);                    // ∂window_t = Wᵀ ∂z_t
        dx.Clear();
        for (int s = 0; s < _n; s++)
            for (int t = 0; t < positions; t++)
                Ops.AddInPlace<T>(dcols.Slice((s * positions + t) * K, K), dx.Slice((s * _length + t) * EmbeddingSize, K));   // windows overlap: add
    }
}
