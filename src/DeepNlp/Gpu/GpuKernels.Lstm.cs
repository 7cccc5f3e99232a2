using ILGPU;
using ILGPU.Algorithms;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    private static float Sigmoid(float x) => 1f / (1f + XMath.Exp(-x));

    /// <summary>Fused LSTM cell forward for a batch: gate nonlinearities, cell and hidden update in one kernel.</summary>
    /// <param name="index">Linear element b·H + j of [batch, hidden].</param>
    /// <param name="z">[batch, 4·hidden] pre-activations W_ih x_t + W_hh h_{t−1} without biases (two GEMMs).</param>
    /// <param name="biasIh">b_ih, [4·hidden].</param>
    /// <param name="biasHh">b_hh, [4·hidden].</param>
    /// <param name="cPrev">c_{t−1}, [batch, hidden].</param>
    /// <param name="gates">[batch, 4·hidden] receives the activated gates i, f, g, o (kept for backward).</param>
    /// <param name="c">c_t, [batch, hidden].</param>
    /// <param name="h">h_t, [batch, hidden].</param>
    /// <param name="stride">Number of threads launched: each thread handles elements index, index + stride, … (a grid-stride loop).</param>
    /// <remarks>Gate order i, f, g, o and two biases, as PyTorch's <c>nn.LSTM</c> stores them:
    /// i = σ(z_i + b), f = σ(z_f + b), g = tanh(z_g + b), o = σ(z_o + b), c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t).</remarks>
    public static void LstmCellForward(Index1D index, ArrayView<float> z, ArrayView<float> biasIh, ArrayView<float> biasHh,
        ArrayView<float> cPrev, ArrayView<float> gates, ArrayView<float> c, ArrayView<float> h, int stride)
    {
        int hidden = (int)(biasIh.Length / 4);
        for (int bj = index; bj < c.Length; bj += stride)
        {
        int b = bj / hidden, j = bj % hidden;
        int row = b * 4 * hidden;
        float i = Sigmoid(z[row + j] + biasIh[j] + biasHh[j]);                                            // i_t = σ(z_i)
        float f = Sigmoid(z[row + hidden + j] + biasIh[hidden + j] + biasHh[hidden + j]);                 // f_t = σ(z_f)
        float g = XMath.Tanh(z[row + 2 * hidden + j] + biasIh[2 * hidden + j] + biasHh[2 * hidden + j]);  // g_t = tanh(z_g)
        float o = Sigmoid(z[row + 3 * hidden + j] + biasIh[3 * hidden + j] + biasHh[3 * hidden + j]);     // o_t = σ(z_o)
        float ct = f * cPrev[bj] + i * g;                                                                  // c_t = f⊙c_{t−1} + i⊙g
        gates[row + j] = i;
        gates[row + hidden + j] = f;
        gates[row + 2 * hidden + j] = g;
        gates[row + 3 * hidden + j] = o;
        c[bj] = ct;
        h[bj] = o * XMath.Tanh(ct);                                                                        // h_t = o⊙tanh(c_t)
        }
    }

    /// <summary>Fused LSTM cell backward for a batch: from ∂h_t and ∂c_t to the pre-activation gradients and ∂c_{t−1}.</summary>
    /// <param name="index">Linear element b·H + j of [batch, hidden].</param>
    /// <param name="dh">∂L/∂h_t, [batch, hidden] (output path plus the path through h_{t+1}).</param>
    /// <param name="dc">On entry ∂L/∂c_t from step t+1, [batch, hidden]; on exit ∂L/∂c_{t−1} (updated in place).</param>
    /// <param name="gates">The activated gates i, f, g, o saved by forward, [batch, 4·hidden].</param>
    /// <param name="cPrev">c_{t−1}, [batch, hidden].</param>
    /// <param name="c">c_t, [batch, hidden].</param>
    /// <param name="dz">[batch, 4·hidden] receives ∂L/∂z for the gates (also the gradient of both biases).</param>
    /// <param name="hidden">Hidden size H.</param>
    /// <param name="stride">Number of threads launched: each thread handles elements index, index + stride, … (a grid-stride loop).</param>
    /// <remarks>The forward equations in reverse: ∂o = ∂h⊙tanh(c_t); ∂c = ∂c_next + ∂h⊙o⊙(1 − tanh²c_t);
    /// ∂i = ∂c⊙g; ∂g = ∂c⊙i; ∂f = ∂c⊙c_{t−1}; ∂c_{t−1} = ∂c⊙f; then through σ' = s(1 − s) and tanh' = 1 − g².</remarks>
    public static void LstmCellBackward(Index1D index, ArrayView<float> dh, ArrayView<float> dc, ArrayView<float> gates,
        ArrayView<float> cPrev, ArrayView<float> c, ArrayView<float> dz, int hidden, int stride)
    {
        for (int bj = index; bj < dh.Length; bj += stride)
        {
        int b = bj / hidden, j = bj % hidden;
        int row = b * 4 * hidden;
        float i = gates[row + j], f = gates[row + hidden + j], g = gates[row + 2 * hidden + j], o = gates[row + 3 * hidden + j];
        float tanhC = XMath.Tanh(c[bj]);
        float dhj = dh[bj];
        float dO = dhj * tanhC;                                   // ∂o_t = ∂h_t⊙tanh(c_t)
        float dC = dc[bj] + dhj * o * (1f - tanhC * tanhC);       // ∂c_t += ∂h_t⊙o_t⊙(1 − tanh²c_t)
        float dI = dC * g;                                        // ∂i_t = ∂c_t⊙g_t
        float dG = dC * i;                                        // ∂g_t = ∂c_t⊙i_t
        float dF = dC * cPrev[bj];                                // ∂f_t = ∂c_t⊙c_{t−1}
        dc[bj] = dC * f;                                          // ∂c_{t−1} = ∂c_t⊙f_t
        dz[row + j] = dI * i * (1f - i);
        dz[row + hidden + j] = dF * f * (1f - f);
        dz[row + 2 * hidden + j] = dG * (1f - g * g);
        dz[row + 3 * hidden + j] = dO * o * (1f - o);
        }
    }
}
