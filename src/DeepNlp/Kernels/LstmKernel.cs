using System.Numerics;
using DeepNlp.Numerics;
using static DeepNlp.Kernels.Pointwise;

namespace DeepNlp.Kernels;

/// <summary>The LSTM's fused pointwise step, forward and backward: the fast tier behind <see cref="DeepNlp.Layers.Lstm{T}"/>.</summary>
/// <remarks>The same equations as the reference step in <c>Layers/Lstm.cs</c>, in one pass over each row; tested against it
/// (<c>Kernels/LstmKernelTests</c>).</remarks>
internal static class LstmKernel
{
    /// <summary>The LSTM's pointwise step for a batch, in one pass: gates activated in place, then c_t, tanh(c_t), h_t.</summary>
    /// <param name="gates">Pre-activations z [batch, 4H] (rows i, f, g, o); overwritten with the activated gates.</param>
    /// <param name="cPrev">c_{t-1} [batch, H].</param>
    /// <param name="c">c_t [batch, H].</param>
    /// <param name="tanhC">tanh(c_t) [batch, H].</param>
    /// <param name="h">h_t [batch, H].</param>
    /// <param name="hidden">H.</param>
    /// <remarks>
    /// i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o); c_t = f⊙c_{t-1} + i⊙g; h_t = o⊙tanh(c_t).
    /// Fused because six separate passes over short rows cost more than the arithmetic; float runs on
    /// <see cref="Vector{T}"/> with σ(x) = 1/(1+e^{-x}) and tanh(x) = 1 - 2/(e^{2x}+1), double on exact scalar math.
    /// </remarks>
    /// <exception cref="ArgumentException">A span does not match [batch, H] or [batch, 4H].</exception>
    public static void Forward<T>(Span<T> gates, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckRows(gates.Length, 4 * hidden, cPrev.Length, c.Length, tanhC.Length, h.Length, hidden);
        int H = hidden;
        for (int b = 0; b < batch; b++)
        {
            var z = gates.Slice(b * 4 * H, 4 * H);
            var cp = cPrev.Slice(b * H, H); var cc = c.Slice(b * H, H); var tc = tanhC.Slice(b * H, H); var hh = h.Slice(b * H, H);
            int j = 0;
            if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
            {
                for (; j <= H - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var i = SigmoidV(new Vector<T>(z[j..])); var f = SigmoidV(new Vector<T>(z[(H + j)..]));
                    var g = TanhV(new Vector<T>(z[(2 * H + j)..])); var o = SigmoidV(new Vector<T>(z[(3 * H + j)..]));
                    var cNew = f * new Vector<T>(cp[j..]) + i * g;
                    var t = TanhV(cNew);
                    i.CopyTo(z[j..]); f.CopyTo(z[(H + j)..]); g.CopyTo(z[(2 * H + j)..]); o.CopyTo(z[(3 * H + j)..]);
                    cNew.CopyTo(cc[j..]); t.CopyTo(tc[j..]); (o * t).CopyTo(hh[j..]);
                }
            }
            for (; j < H; j++)
            {
                T i = Sig(z[j]), f = Sig(z[H + j]), g = T.Tanh(z[2 * H + j]), o = Sig(z[3 * H + j]);
                z[j] = i; z[H + j] = f; z[2 * H + j] = g; z[3 * H + j] = o;
                cc[j] = f * cp[j] + i * g;
                tc[j] = T.Tanh(cc[j]);
                hh[j] = o * tc[j];
            }
        }
    }

    /// <summary>The LSTM's pointwise backward step for a batch: from ∂h_t and ∂c_t to the gate pre-activation gradients and ∂c_{t-1}.</summary>
    /// <param name="gates">Activated gates [batch, 4H] from Forward.</param>
    /// <param name="cPrev">c_{t-1} [batch, H].</param>
    /// <param name="tanhC">tanh(c_t) [batch, H].</param>
    /// <param name="dh">∂L/∂h_t [batch, H].</param>
    /// <param name="dc">In: ∂L/∂c_t from step t+1; out: ∂L/∂c_{t-1} [batch, H].</param>
    /// <param name="dGates">∂L/∂z [batch, 4H], overwritten.</param>
    /// <param name="hidden">H.</param>
    /// <remarks>∂o = ∂h⊙tanh c; ∂c += ∂h⊙o⊙(1-tanh²c); ∂i = ∂c⊙g; ∂f = ∂c⊙c_{t-1}; ∂g = ∂c⊙i; ∂c_{t-1} = ∂c⊙f;
    /// then through σ' = y(1-y) and tanh' = 1-y².</remarks>
    /// <exception cref="ArgumentException">A span does not match [batch, H] or [batch, 4H].</exception>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dh,
        Span<T> dc, Span<T> dGates, int hidden) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckRows(gates.Length, 4 * hidden, cPrev.Length, tanhC.Length, dh.Length, dc.Length, hidden);
        Ops.CheckSame(gates.Length, dGates.Length, nameof(dGates));
        int H = hidden;
        for (int b = 0; b < batch; b++)
        {
            var z = gates.Slice(b * 4 * H, 4 * H); var dz = dGates.Slice(b * 4 * H, 4 * H);
            var cp = cPrev.Slice(b * H, H); var tc = tanhC.Slice(b * H, H); var dhb = dh.Slice(b * H, H); var dcb = dc.Slice(b * H, H);
            int j = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            {
                var one = Vector<T>.One;
                for (; j <= H - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var i = new Vector<T>(z[j..]); var f = new Vector<T>(z[(H + j)..]);
                    var g = new Vector<T>(z[(2 * H + j)..]); var o = new Vector<T>(z[(3 * H + j)..]);
                    var t = new Vector<T>(tc[j..]); var d = new Vector<T>(dhb[j..]);
                    var dcv = new Vector<T>(dcb[j..]) + d * o * (one - t * t);
                    (dcv * g * i * (one - i)).CopyTo(dz[j..]);
                    (dcv * new Vector<T>(cp[j..]) * f * (one - f)).CopyTo(dz[(H + j)..]);
                    (dcv * i * (one - g * g)).CopyTo(dz[(2 * H + j)..]);
                    (d * t * o * (one - o)).CopyTo(dz[(3 * H + j)..]);
                    (dcv * f).CopyTo(dcb[j..]);
                }
            }
            for (; j < H; j++)
            {
                T i = z[j], f = z[H + j], g = z[2 * H + j], o = z[3 * H + j], t = tc[j], d = dhb[j];
                T dcv = dcb[j] + d * o * (T.One - t * t);
                dz[j] = dcv * g * i * (T.One - i);
                dz[H + j] = dcv * cp[j] * f * (T.One - f);
                dz[2 * H + j] = dcv * i * (T.One - g * g);
                dz[3 * H + j] = d * t * o * (T.One - o);
                dcb[j] = dcv * f;
            }
        }
    }
}
