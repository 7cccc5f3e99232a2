using ILGPU;

namespace DeepNlp.Gpu;

/// <summary>A character-level LSTM language model trained entirely on the accelerator:
/// embedding → LSTM over the sequence → linear → softmax cross-entropy → BPTT → global-norm clip → Adam.</summary>
/// <remarks>
/// <para>One layer, PyTorch layout (gate order i, f, g, o; two biases), so weights exchange with <c>nn.LSTM</c> and with
/// the CPU path. All parameters live in one flat device buffer (and their gradients and Adam moments in three more),
/// so clipping and Adam are one launch each. The hidden and cell state are carried from one batch to the next and
/// detached (truncated BPTT with k1 = k2 = sequence length); <see cref="ResetState"/> zeroes them.</para>
/// <para>Per step the kernels are: one gather, one big GEMM for W_ih·x over all time steps, then per step one GEMM
/// for W_hh·h and one fused cell; the decoder GEMM and the fused softmax over all steps; backward mirrors it.
/// Taught in <c>notebooks/09_gpu_with_ilgpu.ipynb</c>.</para>
/// </remarks>
public sealed class GpuCharLstm : IDisposable
{
    private readonly GpuDevice _device;
    private readonly GpuOps _ops;
    private readonly int _v, _e, _h, _b, _t;
    private readonly int[] _offsets;
    private readonly GpuBuffer<float> _p, _g, _m, _s;
    private readonly GpuBuffer<int> _ids, _targets;
    private readonly GpuBuffer<float> _x, _z, _gates, _hs, _cs, _logits, _dLogits, _rowLoss, _dHs, _dc, _dz, _dx;
    private readonly int[] _idsHost, _targetsHost;
    private readonly float[] _lossHost;
    private bool _hasState;
    private int _step;

    /// <summary>Creates the model with PyTorch's default initialisation, drawn from <paramref name="seed"/>.</summary>
    /// <param name="device">The accelerator.</param>
    /// <param name="vocabularySize">V, number of characters.</param>
    /// <param name="embeddingSize">E.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="batchSize">B, sequences per batch.</param>
    /// <param name="sequenceLength">T, characters per sequence (the BPTT length).</param>
    /// <param name="seed">Seed for the initial weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    /// <remarks>Embedding ~ N(0, 1); every other weight and bias ~ U(−1/√H, 1/√H), as PyTorch initialises them.</remarks>
    public GpuCharLstm(GpuDevice device, int vocabularySize, int embeddingSize, int hiddenSize, int batchSize, int sequenceLength, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        _device = device;
        _ops = device.Ops;
        (_v, _e, _h, _b, _t) = (vocabularySize, embeddingSize, hiddenSize, batchSize, sequenceLength);
        int[] sizes = [_v * _e, 4 * _h * _e, 4 * _h * _h, 4 * _h, 4 * _h, _v * _h, _v];
        _offsets = new int[sizes.Length + 1];
        for (int k = 0; k < sizes.Length; k++) _offsets[k + 1] = _offsets[k] + sizes[k];
        ParameterCount = _offsets[^1];
        _p = device.Allocate<float>(ParameterCount);
        _g = device.Allocate<float>(ParameterCount);
        _m = device.Allocate<float>(ParameterCount);
        _s = device.Allocate<float>(ParameterCount);
        int rows = _t * _b;
        _ids = device.Allocate<int>(rows);
        _targets = device.Allocate<int>(rows);
        _x = device.Allocate<float>(rows * _e);
        _z = device.Allocate<float>(rows * 4 * _h);
        _gates = device.Allocate<float>(rows * 4 * _h);
        _hs = device.Allocate<float>((_t + 1) * _b * _h);
        _cs = device.Allocate<float>((_t + 1) * _b * _h);
        _logits = device.Allocate<float>(rows * _v);
        _dLogits = device.Allocate<float>(rows * _v);
        _rowLoss = device.Allocate<float>(rows);
        _dHs = device.Allocate<float>(rows * _h);
        _dc = device.Allocate<float>(_b * _h);
        _dz = device.Allocate<float>(rows * 4 * _h);
        _dx = device.Allocate<float>(rows * _e);
        _idsHost = new int[rows];
        _targetsHost = new int[rows];
        _lossHost = new float[rows];
        SetWeights(Initial(seed));
    }

    /// <summary>Total number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>Sequences per batch.</summary>
    public int BatchSize => _b;

    /// <summary>Characters per sequence.</summary>
    public int SequenceLength => _t;

    /// <summary>Zeroes the carried hidden and cell state (start of an epoch, or of unrelated text).</summary>
    public void ResetState() => _hasState = false;

    /// <summary>Copies the parameters to the host.</summary>
    /// <returns>The weights, PyTorch layout.</returns>
    public GpuCharLstmWeights GetWeights() => Split(_p.ToArray());

    /// <summary>Copies the gradients of the last <see cref="ComputeGradients"/> to the host (before clipping if that
    /// was all that ran; after clipping when <see cref="TrainStep"/> ran).</summary>
    /// <returns>The gradients, PyTorch layout.</returns>
    public GpuCharLstmWeights GetGradients() => Split(_g.ToArray());

    /// <summary>Replaces the parameters (e.g. with those of the CPU model or of PyTorch).</summary>
    /// <param name="weights">Arrays of the model's shapes.</param>
    /// <exception cref="ArgumentException">An array has the wrong length.</exception>
    public void SetWeights(GpuCharLstmWeights weights)
    {
        var flat = new float[ParameterCount];
        var parts = weights.All;
        for (int k = 0; k < parts.Count; k++)
        {
            int length = _offsets[k + 1] - _offsets[k];
            if (parts[k].Length != length)
                throw new ArgumentException($"{GpuCharLstmWeights.Names[k]} has {parts[k].Length} values, the model needs {length}.", nameof(weights));
            parts[k].CopyTo(flat, _offsets[k]);
        }
        _p.Upload(flat);
    }

    /// <summary>Forward and backward over one batch; leaves the gradients on the device and returns the mean loss.</summary>
    /// <param name="inputs">[batch, sequence] character ids, batch-major.</param>
    /// <param name="targets">[batch, sequence] next-character ids.</param>
    /// <returns>Mean cross-entropy per character (nats).</returns>
    /// <exception cref="ArgumentException">A span has the wrong length or an id is outside the vocabulary.</exception>
    public double ComputeGradients(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets)
    {
        UploadBatch(inputs, targets);
        Forward();
        Backward();
        _rowLoss.Download(_lossHost);
        double sum = 0;
        foreach (var l in _lossHost) sum += l;
        return sum / _lossHost.Length;
    }

    /// <summary>One training step: gradients, global-norm clipping, Adam.</summary>
    /// <param name="inputs">[batch, sequence] character ids, batch-major.</param>
    /// <param name="targets">[batch, sequence] next-character ids.</param>
    /// <param name="learningRate">Adam step size.</param>
    /// <param name="maxNorm">Clip threshold for the global gradient norm.</param>
    /// <returns>Loss and gradient norm of the step.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length or an id is outside the vocabulary.</exception>
    /// <remarks>Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8 (PyTorch defaults).</remarks>
    public GpuTrainStep TrainStep(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, float learningRate = 2e-3f, float maxNorm = 5f)
    {
        double loss = ComputeGradients(inputs, targets);
        float norm = _ops.ClipByGlobalNorm(maxNorm, _g);
        _step++;
        _ops.AdamUpdate(_p, _g, _m, _s, AdamStep.At(learningRate, 0.9f, 0.999f, 1e-8f, _step));
        return new GpuTrainStep(_step, loss, norm);
    }

    private ArrayView<float> P(int k) => _p.Slice(_offsets[k], _offsets[k + 1] - _offsets[k]);

    private ArrayView<float> G(int k) => _g.Slice(_offsets[k], _offsets[k + 1] - _offsets[k]);

    private ArrayView<float> StepOf(GpuBuffer<float> buffer, int t, int width) => buffer.Slice(t * _b * width, _b * width);

    private void UploadBatch(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets)
    {
        int rows = _b * _t;
        if (inputs.Length != rows) throw new ArgumentException($"Expected {_b}×{_t} = {rows} ids, got {inputs.Length}.", nameof(inputs));
        if (targets.Length != rows) throw new ArgumentException($"Expected {_b}×{_t} = {rows} ids, got {targets.Length}.", nameof(targets));
        // Batch-major on the host, time-major on the device: step t is then one contiguous [B, ·] block.
        for (int b = 0; b < _b; b++)
            for (int t = 0; t < _t; t++)
            {
                int x = inputs[b * _t + t], y = targets[b * _t + t];
                if ((uint)x >= (uint)_v) throw new ArgumentException($"Input id {x} at [{b}, {t}] is outside 0..{_v - 1}.", nameof(inputs));
                if ((uint)y >= (uint)_v) throw new ArgumentException($"Target id {y} at [{b}, {t}] is outside 0..{_v - 1}.", nameof(targets));
                _idsHost[t * _b + b] = x;
                _targetsHost[t * _b + b] = y;
            }
        _ids.Upload(_idsHost);
        _targets.Upload(_targetsHost);
    }

    private void Forward()
    {
        int rows = _t * _b, bh = _b * _h;
        if (_hasState)
        {
            // Truncated BPTT: the last state becomes the first, with no gradient flowing back into it.
            _ops.Copy(_hs.Slice(_t * bh, bh), _hs.Slice(0, bh));
            _ops.Copy(_cs.Slice(_t * bh, bh), _cs.Slice(0, bh));
        }
        else
        {
            _hs.Clear();
            _cs.Clear();
            _hasState = true;
        }
        _ops.EmbeddingGather(P(0), _ids, _x);                                                         // x_t = E[c_t]
        _ops.Gemm(_x, P(1), _z, new GemmShape(rows, 4 * _h, _e, false, true, 1f, 0f));                // z = x W_ihᵀ (all t)
        for (int t = 0; t < _t; t++)
        {
            var z = StepOf(_z, t, 4 * _h);
            _ops.Gemm(StepOf(_hs, t, _h), P(2), z, new GemmShape(_b, 4 * _h, _h, false, true, 1f, 1f)); // z += h_{t−1} W_hhᵀ
            _ops.LstmCellForward(z, P(3), P(4), StepOf(_cs, t, _h), StepOf(_gates, t, 4 * _h), StepOf(_cs, t + 1, _h), StepOf(_hs, t + 1, _h));
        }
        var hOut = _hs.Slice(bh, rows * _h);
        _ops.Gemm(hOut, P(5), _logits, new GemmShape(rows, _v, _h, false, true, 1f, 0f));              // y = h W_outᵀ
        _ops.AddRowVector(P(6), _logits);                                                             //   + b_out
        _ops.SoftmaxCrossEntropy(_logits, _targets, _dLogits, _rowLoss, 1f / rows);
    }

    private void Backward()
    {
        int rows = _t * _b, bh = _b * _h;
        _g.Clear();
        var hOut = _hs.Slice(bh, rows * _h);
        _ops.Gemm(_dLogits, hOut, G(5), new GemmShape(_v, _h, rows, true, false, 1f, 1f));            // ∂W_out = ∂yᵀ h
        _ops.AddColumnSums(_dLogits, G(6));                                                           // ∂b_out = Σ ∂y
        _ops.Gemm(_dLogits, P(5), _dHs, new GemmShape(rows, _h, _v, false, false, 1f, 0f));           // ∂h = ∂y W_out
        _dc.Clear();
        for (int t = _t - 1; t >= 0; t--)
        {
            var dz = StepOf(_dz, t, 4 * _h);
            _ops.LstmCellBackward(StepOf(_dHs, t, _h), _dc, StepOf(_gates, t, 4 * _h), StepOf(_cs, t, _h), StepOf(_cs, t + 1, _h), dz, _b);
            if (t > 0)
                _ops.Gemm(dz, P(2), StepOf(_dHs, t - 1, _h), new GemmShape(_b, _h, 4 * _h, false, false, 1f, 1f)); // ∂h_{t−1} += ∂z W_hh
        }
        _ops.Gemm(_dz, _hs.Slice(0, rows * _h), G(2), new GemmShape(4 * _h, _h, rows, true, false, 1f, 1f)); // ∂W_hh = Σ_t ∂z_tᵀ h_{t−1}
        _ops.Gemm(_dz, _x, G(1), new GemmShape(4 * _h, _e, rows, true, false, 1f, 1f));               // ∂W_ih = Σ_t ∂z_tᵀ x_t
        _ops.AddColumnSums(_dz, G(3));                                                                // ∂b_ih = Σ ∂z
        _ops.AddColumnSums(_dz, G(4));                                                                // ∂b_hh = Σ ∂z
        _ops.Gemm(_dz, P(1), _dx, new GemmShape(rows, _e, 4 * _h, false, false, 1f, 0f));             // ∂x = ∂z W_ih
        _ops.EmbeddingScatterAdd(_dx, _ids, G(0));                                                    // ∂E[c_t] += ∂x_t
    }

    private GpuCharLstmWeights Split(float[] flat)
    {
        float[] Part(int k) => flat[_offsets[k].._offsets[k + 1]];
        return new GpuCharLstmWeights(Part(0), Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
    }

    private GpuCharLstmWeights Initial(int seed)
    {
        var rng = new Random(seed);
        float bound = 1f / MathF.Sqrt(_h);
        float[] Uniform(int n) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * bound)).ToArray();
        float[] Normal(int n) => Enumerable.Range(0, n)
            .Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()))).ToArray();
        return new GpuCharLstmWeights(Normal(_v * _e), Uniform(4 * _h * _e), Uniform(4 * _h * _h), Uniform(4 * _h), Uniform(4 * _h),
            Uniform(_v * _h), Uniform(_v));
    }

    /// <summary>Releases every device buffer.</summary>
    public void Dispose()
    {
        foreach (var b in new IDisposable[] { _p, _g, _m, _s, _ids, _targets, _x, _z, _gates, _hs, _cs, _logits, _dLogits, _rowLoss, _dHs, _dc, _dz, _dx })
            b.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"GpuCharLstm(V={_v}, E={_e}, H={_h}, batch={_b}, seq={_t}, {ParameterCount:N0} parameters) on {_device.Kind} '{_device.Name}'";
}
