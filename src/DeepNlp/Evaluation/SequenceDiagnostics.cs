using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DeepNlp.Evaluation;

/// <summary>Diagnostics for the vanishing-gradient lecture: how the gradient of a late loss reaches early states, the
/// spectral norms of the step Jacobians and of W_hh, and gate activation statistics.</summary>
/// <remarks>
/// Taught in notebooks/06_vanishing_exploding_gradients.ipynb. For an Elman RNN, ∂h_t/∂h_{t-1} = diag(1 - h_t²) W_hh, so
/// ‖∂L_T/∂h_t‖ shrinks roughly like ∏ ‖∂h_k/∂h_{k-1}‖ when the spectral norms stay below 1. These routines run
/// extra forward/backward passes and restore the model's gradients afterwards, but they overwrite the layers' caches.
/// </remarks>
public static class SequenceDiagnostics
{
    /// <summary>‖∂L_T/∂h_t‖ for t = 1..T, where L_T is the loss at the last position only (bottom layer, mean over the batch).</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">Ids [batch, time].</param>
    /// <param name="targets">Ids [batch, time]; only the last position's target is used.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="time">Steps.</param>
    /// <returns>One norm per step, index 0 = h_1.</returns>
    public static double[] HiddenGradientNorms<T>(RecurrentLanguageModel<T> model, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets,
        int batch, int time) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saved = SaveGrads(model.Parameters);
        var r = model.Forward(inputs, targets, batch, time, training: false, lossFrom: time - 1);
        model.LastCache!.TraceGradients = true;
        model.Backward(r.Count);
        var dh = model.LastCache.HiddenGradients;
        model.LastCache.TraceGradients = false;
        int H = model.Config.HiddenSize;
        var norms = new double[time];
        for (int t = 0; t < time; t++)
        {
            double sum = 0;
            for (int b = 0; b < batch; b++) sum += Math.Sqrt(Ops.SumOfSquares(dh.Slice((t * batch + b) * H, H)));
            norms[t] = sum / batch;
        }
        RestoreGrads(model.Parameters, saved);
        return norms;
    }

    /// <summary>The spectral norm ‖∂h_t/∂h_{t-1}‖₂ of every step's Jacobian for sequence 0 of a one-layer cell (c_{t-1} held fixed for the LSTM).</summary>
    /// <param name="cell">A single recurrent layer.</param>
    /// <param name="x">Inputs [time, batch, input] (time-major, as the layers take them).</param>
    /// <param name="time">Steps.</param>
    /// <param name="batch">Sequences (only sequence 0 is analysed).</param>
    /// <returns>One norm per step t = 1..T.</returns>
    /// <exception cref="ArgumentException">The layer is a multi-layer stack.</exception>
    public static double[] StepJacobianNorms<T>(IRecurrentLayer<T> cell, ReadOnlySpan<T> x, int time, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cell.Layers != 1) throw new ArgumentException("Pass a single layer (e.g. stack.Cells[0]).", nameof(cell));
        int H = cell.HiddenSize, I = cell.InputSize;
        var saved = SaveGrads(cell.Parameters);
        var full = cell.Forward(x, time, batch, default, default, training: false);
        var hs = Enumerable.Range(0, time + 1).Select(t => full.HiddenAt(t)[..H]).ToArray();
        var cs = cell.HasCell ? Enumerable.Range(0, time + 1).Select(t => full.CellAt(t)[..H]).ToArray() : null;
        var norms = new double[time];
        var e = new T[H]; var dh0 = new T[H];
        for (int t = 0; t < time; t++)
        {
            var xt = new T[I];
            x.Slice(t * batch * I, I).CopyTo(xt);
            var step = cell.Forward(xt, 1, 1, hs[t], cs is null ? default : cs[t], training: false);
            var J = Matrix<double>.Build.Dense(H, H);
            for (int i = 0; i < H; i++)
            {
                Array.Clear(e); e[i] = T.One;
                cell.Backward(step, e, default, default, default, dh0, default);   // row i of ∂h_t/∂h_{t-1}
                for (int j = 0; j < H; j++) J[i, j] = double.CreateTruncating(dh0[j]);
            }
            norms[t] = J.L2Norm();
        }
        RestoreGrads(cell.Parameters, saved);
        return norms;
    }

    /// <summary>The spectral norm (largest singular value) of a [rows, cols] block of a weight, e.g. one gate's W_hh block.</summary>
    /// <param name="weight">The parameter, row-major [R, cols].</param>
    /// <param name="firstRow">First row of the block.</param>
    /// <param name="rows">Rows in the block (default: all).</param>
    public static double SpectralNorm<T>(Parameter<T> weight, int firstRow = 0, int rows = -1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = weight.Shape[^1];
        if (rows < 0) rows = weight.Length / cols - firstRow;
        var m = Matrix<double>.Build.Dense(rows, cols, (i, j) => double.CreateTruncating(weight.Value[(firstRow + i) * cols + j]));
        return m.L2Norm();
    }

    /// <summary>Gate statistics of the last Forward of an LSTM or GRU layer.</summary>
    /// <exception cref="ArgumentException">The cache is not an LSTM or GRU cache.</exception>
    public static IReadOnlyList<GateStatistics> Gates<T>(IRecurrentCache<T> cache) where T : unmanaged, IFloatingPointIeee754<T>
    {
        return cache switch
        {
            LstmCache<T> l => Summarise(l.Gates, l.HiddenSize, ["i", "f", "g", "o"], tanhGate: 2),
            GruCache<T> g => Summarise(g.Gates, g.HiddenSize, ["r", "z", "n"], tanhGate: 2),
            _ => throw new ArgumentException("Gate statistics need an LSTM or GRU cache (for a stack, pass one layer's: stack.LastCache.Layers[ℓ]).", nameof(cache)),
        };
    }

    private static GateStatistics[] Summarise<T>(T[] gates, int H, string[] names, int tanhGate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int G = names.Length * H;
        var result = new GateStatistics[names.Length];
        for (int k = 0; k < names.Length; k++)
        {
            bool tanh = k == tanhGate;
            double lo = tanh ? -0.9 : 0.1, hi = 0.9, min = tanh ? -1 : 0;
            double sum = 0; long below = 0, above = 0, n = 0;
            var hist = new int[20];
            for (int row = 0; row < gates.Length; row += G)
                for (int j = 0; j < H; j++)
                {
                    double v = double.CreateTruncating(gates[row + k * H + j]);
                    sum += v; n++;
                    if (v < lo) below++;
                    if (v > hi) above++;
                    hist[Math.Clamp((int)((v - min) / (1 - min) * 20), 0, 19)]++;
                }
            result[k] = new GateStatistics(names[k], sum / n, (double)below / n, (double)above / n, hist);
        }
        return result;
    }

    private static T[][] SaveGrads<T>(IReadOnlyList<Parameter<T>> ps) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. ps.Select(p => (T[])p.Grad.Clone())];

    private static void RestoreGrads<T>(IReadOnlyList<Parameter<T>> ps, T[][] saved) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < ps.Count; i++) saved[i].CopyTo(ps[i].Grad, 0);
    }
}
