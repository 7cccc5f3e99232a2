using ILGPU;
using ILGPU.Algorithms;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>Fused GRU cell forward for a batch (PyTorch <c>nn.GRU</c> formulation).</summary>
    /// <param name="index">Linear element b·H + j of [batch, hidden].</param>
    /// <param name="gx">W_ih x_t without bias, [batch, 3·hidden], gate order r, z, n.</param>
    /// <param name="gh">W_hh h_{t−1} without bias, [batch, 3·hidden].</param>
    /// <param name="biasIh">b_ih, [3·hidden].</param>
    /// <param name="biasHh">b_hh, [3·hidden].</param>
    /// <param name="hPrev">h_{t−1}, [batch, hidden].</param>
    /// <param name="gates">[batch, 3·hidden] receives r, z, n (kept for backward).</param>
    /// <param name="hn">[batch, hidden] receives W_hn h_{t−1} + b_hn (kept for backward).</param>
    /// <param name="h">h_t, [batch, hidden].</param>
    /// <param name="stride">Number of threads launched: each thread handles elements index, index + stride, … (a grid-stride loop).</param>
    /// <remarks>r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
    /// n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)), h_t = (1 − z)⊙n + z⊙h_{t−1}. PyTorch applies r after the
    /// recurrent matrix product (the lecture's GRU applies it to h_{t−1} before); that is why W_hn h + b_hn is kept.</remarks>
    public static void GruCellForward(Index1D index, ArrayView<float> gx, ArrayView<float> gh, ArrayView<float> biasIh,
        ArrayView<float> biasHh, ArrayView<float> hPrev, ArrayView<float> gates, ArrayView<float> hn, ArrayView<float> h, int stride)
    {
        int hidden = (int)(biasIh.Length / 3);
        for (int bj = index; bj < h.Length; bj += stride)
        {
        int b = bj / hidden, j = bj % hidden;
        int row = b * 3 * hidden;
        float r = Sigmoid(gx[row + j] + biasIh[j] + gh[row + j] + biasHh[j]);                                        // r_t
        float z = Sigmoid(gx[row + hidden + j] + biasIh[hidden + j] + gh[row + hidden + j] + biasHh[hidden + j]);    // z_t
        float hnj = gh[row + 2 * hidden + j] + biasHh[2 * hidden + j];                                                // W_hn h + b_hn
        float n = XMath.Tanh(gx[row + 2 * hidden + j] + biasIh[2 * hidden + j] + r * hnj);                           // n_t
        gates[row + j] = r;
        gates[row + hidden + j] = z;
        gates[row + 2 * hidden + j] = n;
        hn[bj] = hnj;
        h[bj] = (1f - z) * n + z * hPrev[bj];                                                                         // h_t
        }
    }

    /// <summary>Fused GRU cell backward for a batch: from ∂h_t to the gradients of both pre-activation sets.</summary>
    /// <param name="index">Linear element b·H + j of [batch, hidden].</param>
    /// <param name="dh">∂L/∂h_t, [batch, hidden].</param>
    /// <param name="gates">r, z, n saved by forward, [batch, 3·hidden].</param>
    /// <param name="hn">W_hn h_{t−1} + b_hn saved by forward, [batch, hidden].</param>
    /// <param name="hPrev">h_{t−1}, [batch, hidden].</param>
    /// <param name="dgx">[batch, 3·hidden] receives ∂L/∂(W_ih x + b_ih) (also ∂b_ih).</param>
    /// <param name="dgh">[batch, 3·hidden] receives ∂L/∂(W_hh h + b_hh) (also ∂b_hh).</param>
    /// <param name="dhPrev">[batch, hidden] receives the direct part z⊙∂h_t of ∂L/∂h_{t−1}; add dgh·W_hh to it.</param>
    /// <param name="hidden">Hidden size H.</param>
    /// <param name="stride">Number of threads launched: each thread handles elements index, index + stride, … (a grid-stride loop).</param>
    /// <remarks>∂n = ∂h⊙(1 − z), ∂z = ∂h⊙(h_{t−1} − n), ∂a_n = ∂n⊙(1 − n²), ∂r = ∂a_n⊙hn, then σ' for r and z;
    /// the recurrent n-gradient is ∂a_n⊙r because r multiplies W_hn h + b_hn.</remarks>
    public static void GruCellBackward(Index1D index, ArrayView<float> dh, ArrayView<float> gates, ArrayView<float> hn,
        ArrayView<float> hPrev, ArrayView<float> dgx, ArrayView<float> dgh, ArrayView<float> dhPrev, int hidden, int stride)
    {
        for (int bj = index; bj < dh.Length; bj += stride)
        {
        int b = bj / hidden, j = bj % hidden;
        int row = b * 3 * hidden;
        float r = gates[row + j], z = gates[row + hidden + j], n = gates[row + 2 * hidden + j];
        float dhj = dh[bj];
        float dN = dhj * (1f - z) * (1f - n * n);       // ∂a_n = ∂h⊙(1 − z)⊙(1 − n²)
        float dZ = dhj * (hPrev[bj] - n) * z * (1f - z); // ∂a_z = ∂h⊙(h_{t−1} − n)⊙σ'
        float dR = dN * hn[bj] * r * (1f - r);           // ∂a_r = ∂a_n⊙hn⊙σ'
        dgx[row + j] = dR;
        dgx[row + hidden + j] = dZ;
        dgx[row + 2 * hidden + j] = dN;
        dgh[row + j] = dR;
        dgh[row + hidden + j] = dZ;
        dgh[row + 2 * hidden + j] = dN * r;
        dhPrev[bj] = dhj * z;                            // ∂h_{t−1} (direct) = ∂h⊙z
        }
    }
}
