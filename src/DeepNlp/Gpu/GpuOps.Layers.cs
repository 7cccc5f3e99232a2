using ILGPU;
using ILGPU.Runtime;

namespace DeepNlp.Gpu;

public sealed partial class GpuOps
{
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, float, int> _softmaxCrossEntropy;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int> _embeddingGather;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int> _embeddingScatterAdd;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _lstmForward;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _lstmBackward;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _gruForward;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _gruBackward;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamStep, int> _adam;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>> _sumOfSquares;
    private readonly GpuBuffer<float> _scratch;

    /// <summary>Row softmax + cross-entropy and its gradient (<see cref="GpuKernels.SoftmaxCrossEntropy"/>).</summary>
    /// <param name="logits">[rows, classes].</param>
    /// <param name="targets">[rows] class ids; negative ids mask a row.</param>
    /// <param name="gradient">[rows, classes] receives scale·(p − onehot).</param>
    /// <param name="rowLoss">[rows] receives each row's −log p(target).</param>
    /// <param name="scale">Gradient scale, usually 1 / unmasked rows.</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void SoftmaxCrossEntropy(ArrayView<float> logits, ArrayView<int> targets, ArrayView<float> gradient, ArrayView<float> rowLoss, float scale)
    {
        if (targets.Length == 0) return;
        if (logits.Length % targets.Length != 0 || logits.Length == 0)
            throw new ArgumentException($"Length {logits.Length} is not rows ({targets.Length}) times a class count.", nameof(logits));
        Same(gradient, logits.Length, nameof(gradient));
        Same(rowLoss, targets.Length, nameof(rowLoss));
        int n = Threads(targets.Length);
        _softmaxCrossEntropy(n, logits, targets, gradient, rowLoss, scale, n);
    }

    /// <summary>Embedding lookup, output[r] = table[ids[r]].</summary>
    /// <param name="table">[vocabulary, dimension].</param>
    /// <param name="ids">[rows] token ids (not range-checked on the device).</param>
    /// <param name="output">[rows, dimension].</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void EmbeddingGather(ArrayView<float> table, ArrayView<int> ids, ArrayView<float> output)
    {
        int dim = Rows(output, ids.Length, nameof(output));
        if (table.Length % Math.Max(dim, 1) != 0) throw new ArgumentException($"Table length {table.Length} is not a multiple of dimension {dim}.", nameof(table));
        if (output.Length > 0) { int n = Threads(output.Length); _embeddingGather(n, table, ids, output, n); }
    }

    /// <summary>Embedding backward, gradTable[ids[r]] += gradOutput[r], with atomic adds.</summary>
    /// <param name="gradOutput">[rows, dimension].</param>
    /// <param name="ids">[rows] token ids.</param>
    /// <param name="gradTable">[vocabulary, dimension], accumulated.</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void EmbeddingScatterAdd(ArrayView<float> gradOutput, ArrayView<int> ids, ArrayView<float> gradTable)
    {
        int dim = Rows(gradOutput, ids.Length, nameof(gradOutput));
        if (gradTable.Length % Math.Max(dim, 1) != 0) throw new ArgumentException($"Table length {gradTable.Length} is not a multiple of dimension {dim}.", nameof(gradTable));
        if (gradOutput.Length > 0) { int n = Threads(gradOutput.Length); _embeddingScatterAdd(n, gradOutput, ids, gradTable, n); }
    }

    /// <summary>Fused LSTM cell forward for a batch (<see cref="GpuKernels.LstmCellForward"/>).</summary>
    /// <param name="z">[batch, 4H] pre-activations without biases.</param>
    /// <param name="biasIh">[4H].</param>
    /// <param name="biasHh">[4H].</param>
    /// <param name="cPrev">[batch, H].</param>
    /// <param name="gates">[batch, 4H] receives i, f, g, o.</param>
    /// <param name="c">[batch, H] receives c_t.</param>
    /// <param name="h">[batch, H] receives h_t.</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void LstmCellForward(ArrayView<float> z, ArrayView<float> biasIh, ArrayView<float> biasHh, ArrayView<float> cPrev,
        ArrayView<float> gates, ArrayView<float> c, ArrayView<float> h)
    {
        int hidden = GateHidden(biasIh, 4);
        int batch = Rows(cPrev, hidden, nameof(cPrev));
        Same(biasHh, biasIh.Length, nameof(biasHh));
        Same(z, (long)batch * 4 * hidden, nameof(z));
        Same(gates, z.Length, nameof(gates));
        Same(c, cPrev.Length, nameof(c));
        Same(h, cPrev.Length, nameof(h));
        if (cPrev.Length > 0) { int n = Threads(cPrev.Length); _lstmForward(n, z, biasIh, biasHh, cPrev, gates, c, h, n); }
    }

    /// <summary>Fused LSTM cell backward for a batch (<see cref="GpuKernels.LstmCellBackward"/>).</summary>
    /// <param name="dh">[batch, H] ∂L/∂h_t.</param>
    /// <param name="dc">[batch, H] ∂L/∂c_t in, ∂L/∂c_{t−1} out.</param>
    /// <param name="gates">[batch, 4H] saved i, f, g, o.</param>
    /// <param name="cPrev">[batch, H].</param>
    /// <param name="c">[batch, H].</param>
    /// <param name="dz">[batch, 4H] receives the pre-activation gradients.</param>
    /// <param name="batch">Batch size (rows of <paramref name="dh"/>).</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void LstmCellBackward(ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> gates, ArrayView<float> cPrev,
        ArrayView<float> c, ArrayView<float> dz, int batch)
    {
        int hidden = BatchHidden(dh, batch);
        Same(dc, dh.Length, nameof(dc));
        Same(cPrev, dh.Length, nameof(cPrev));
        Same(c, dh.Length, nameof(c));
        Same(gates, 4 * dh.Length, nameof(gates));
        Same(dz, gates.Length, nameof(dz));
        if (dh.Length > 0) { int n = Threads(dh.Length); _lstmBackward(n, dh, dc, gates, cPrev, c, dz, hidden, n); }
    }

    /// <summary>Fused GRU cell forward for a batch (<see cref="GpuKernels.GruCellForward"/>, PyTorch formulation).</summary>
    /// <param name="gx">[batch, 3H] W_ih x without bias.</param>
    /// <param name="gh">[batch, 3H] W_hh h without bias.</param>
    /// <param name="biasIh">[3H].</param>
    /// <param name="biasHh">[3H].</param>
    /// <param name="hPrev">[batch, H].</param>
    /// <param name="gates">[batch, 3H] receives r, z, n.</param>
    /// <param name="hn">[batch, H] receives W_hn h + b_hn.</param>
    /// <param name="h">[batch, H] receives h_t.</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void GruCellForward(ArrayView<float> gx, ArrayView<float> gh, ArrayView<float> biasIh, ArrayView<float> biasHh,
        ArrayView<float> hPrev, ArrayView<float> gates, ArrayView<float> hn, ArrayView<float> h)
    {
        int hidden = GateHidden(biasIh, 3);
        int batch = Rows(hPrev, hidden, nameof(hPrev));
        Same(biasHh, biasIh.Length, nameof(biasHh));
        Same(gx, (long)batch * 3 * hidden, nameof(gx));
        Same(gh, gx.Length, nameof(gh));
        Same(gates, gx.Length, nameof(gates));
        Same(hn, hPrev.Length, nameof(hn));
        Same(h, hPrev.Length, nameof(h));
        if (hPrev.Length > 0) { int n = Threads(hPrev.Length); _gruForward(n, gx, gh, biasIh, biasHh, hPrev, gates, hn, h, n); }
    }

    /// <summary>Fused GRU cell backward for a batch (<see cref="GpuKernels.GruCellBackward"/>).</summary>
    /// <param name="dh">[batch, H] ∂L/∂h_t.</param>
    /// <param name="gates">[batch, 3H] saved r, z, n.</param>
    /// <param name="hn">[batch, H] saved W_hn h + b_hn.</param>
    /// <param name="hPrev">[batch, H].</param>
    /// <param name="dgx">[batch, 3H] receives ∂L/∂(W_ih x + b_ih).</param>
    /// <param name="dgh">[batch, 3H] receives ∂L/∂(W_hh h + b_hh).</param>
    /// <param name="dhPrev">[batch, H] receives z⊙∂h_t (add dgh·W_hh for the full ∂h_{t−1}).</param>
    /// <param name="batch">Batch size (rows of <paramref name="dh"/>).</param>
    /// <exception cref="ArgumentException">Lengths do not agree.</exception>
    public void GruCellBackward(ArrayView<float> dh, ArrayView<float> gates, ArrayView<float> hn, ArrayView<float> hPrev,
        ArrayView<float> dgx, ArrayView<float> dgh, ArrayView<float> dhPrev, int batch)
    {
        int hidden = BatchHidden(dh, batch);
        Same(hn, dh.Length, nameof(hn));
        Same(hPrev, dh.Length, nameof(hPrev));
        Same(dhPrev, dh.Length, nameof(dhPrev));
        Same(gates, 3 * dh.Length, nameof(gates));
        Same(dgx, gates.Length, nameof(dgx));
        Same(dgh, gates.Length, nameof(dgh));
        if (dh.Length > 0) { int n = Threads(dh.Length); _gruBackward(n, dh, gates, hn, hPrev, dgx, dgh, dhPrev, hidden, n); }
    }

    /// <summary>One Adam step over a flat parameter vector (<see cref="GpuKernels.AdamUpdate"/>).</summary>
    /// <param name="parameters">θ, updated in place.</param>
    /// <param name="gradients">g, same length.</param>
    /// <param name="m">First moments, same length.</param>
    /// <param name="v">Second moments, same length.</param>
    /// <param name="step">The step's scalars (<see cref="AdamStep.At"/>).</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public void AdamUpdate(ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, AdamStep step)
    {
        Same(gradients, parameters.Length, nameof(gradients));
        Same(m, parameters.Length, nameof(m));
        Same(v, parameters.Length, nameof(v));
        if (parameters.Length > 0) { int n = Threads(parameters.Length); _adam(n, parameters, gradients, m, v, step, n); }
    }

    /// <summary>Σ x² over the views, reduced on the device (one shared-memory tree per group), read back as a double.</summary>
    /// <param name="views">The views to include.</param>
    /// <returns>The sum of squares (blocks until the kernels finish).</returns>
    public double SumOfSquares(params ArrayView<float>[] views)
    {
        _scratch.Clear();
        foreach (var x in views)
        {
            if (x.Length == 0) continue;
            // Grid-stride loop: two groups per multiprocessor keep a GPU busy; on the CPU accelerator every barrier
            // of every group synchronises OS threads, so fewer groups is much faster there.
            int groupSize = TileSize * TileSize;
            int groups = (int)Math.Min((x.Length + groupSize - 1) / groupSize, Math.Max(1, 2 * _device.Accelerator.NumMultiprocessors));
            _sumOfSquares(new KernelConfig(groups, groupSize), x, _scratch);
        }
        Span<float> result = stackalloc float[1];
        _scratch.Download(result);
        return result[0];
    }

    /// <summary>Clips gradients by their global norm, as PyTorch's <c>clip_grad_norm_</c>.</summary>
    /// <param name="maxNorm">Largest allowed norm.</param>
    /// <param name="gradients">Every gradient view (one flat view is fastest).</param>
    /// <returns>The norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    /// <remarks>‖g‖ = √(Σ_p Σ g_p²); when maxNorm / (‖g‖ + 1e-6) &lt; 1 every gradient is multiplied by that factor.</remarks>
    public float ClipByGlobalNorm(float maxNorm, params ArrayView<float>[] gradients)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        float norm = (float)Math.Sqrt(SumOfSquares(gradients));
        float coefficient = maxNorm / (norm + 1e-6f);
        if (coefficient < 1f)
            foreach (var g in gradients) Scale(g, coefficient);
        return norm;
    }

    private static int GateHidden(ArrayView<float> bias, int gates)
    {
        if (bias.Length % gates != 0) throw new ArgumentException($"Bias length {bias.Length} is not {gates}·hidden.", nameof(bias));
        return (int)(bias.Length / gates);
    }

    private static int BatchHidden(ArrayView<float> dh, int batch)
    {
        if (batch <= 0 || dh.Length % batch != 0)
            throw new ArgumentException($"Length {dh.Length} is not a multiple of batch {batch}.", nameof(batch));
        return (int)(dh.Length / batch);
    }
}
