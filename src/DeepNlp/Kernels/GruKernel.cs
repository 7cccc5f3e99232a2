using System.Numerics;
using DeepNlp.Numerics;
using static DeepNlp.Kernels.Pointwise;

namespace DeepNlp.Kernels;

/// <summary>The GRU's fused pointwise step (nn.GRU's form), forward and backward: the fast tier behind <see cref="DeepNlp.Layers.Gru{T}"/>.</summary>
/// <remarks>The same equations as the reference step in <c>Layers/Gru.cs</c>, in one pass over each row; tested against it
/// (<c>GruKernelTests</c>).</remarks>
internal static class GruKernel
{
    /// <summary>The GRU's pointwise step for a batch (nn.GRU's form), in one pass.</summary>
    /// <param name="gates">In: W_ih x_t + b_ih [batch, 3H] (rows r, z, n); out: the activated r_t, z_t, n_t.</param>
    /// <param name="zh">W_hh h_{t-1} + b_hh [batch, 3H].</param>
    /// <param name="hPrev">h_{t-1} [batch, H].</param>
    /// <param name="hiddenN">Out: W_hn h_{t-1} + b_hn [batch, H], kept for Backward.</param>
    /// <param name="h">Out: h_t [batch, H].</param>
    /// <param name="hidden">H.</param>
    /// <remarks>r = σ(zx_r + zh_r); z = σ(zx_z + zh_z); n = tanh(zx_n + r⊙zh_n); h_t = (1-z)⊙n + z⊙h_{t-1}.</remarks>
    /// <exception cref="ArgumentException">A span does not match [batch, H] or [batch, 3H].</exception>
    public static void Forward<T>(Span<T> gates, ReadOnlySpan<T> zh, ReadOnlySpan<T> hPrev, Span<T> hiddenN, Span<T> h, int hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckRows(gates.Length, 3 * hidden, hPrev.Length, hiddenN.Length, h.Length, h.Length, hidden);
        Ops.CheckSame(gates.Length, zh.Length, nameof(zh));
        int H = hidden;
        for (int b = 0; b < batch; b++)
        {
            var x = gates.Slice(b * 3 * H, 3 * H); var u = zh.Slice(b * 3 * H, 3 * H);
            var hp = hPrev.Slice(b * H, H); var hn = hiddenN.Slice(b * H, H); var hh = h.Slice(b * H, H);
            int j = 0;
            if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
            {
                for (; j <= H - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var r = SigmoidV(new Vector<T>(x[j..]) + new Vector<T>(u[j..]));
                    var z = SigmoidV(new Vector<T>(x[(H + j)..]) + new Vector<T>(u[(H + j)..]));
                    var un = new Vector<T>(u[(2 * H + j)..]);
                    var n = TanhV(new Vector<T>(x[(2 * H + j)..]) + r * un);
                    r.CopyTo(x[j..]); z.CopyTo(x[(H + j)..]); n.CopyTo(x[(2 * H + j)..]); un.CopyTo(hn[j..]);
                    (n + z * (new Vector<T>(hp[j..]) - n)).CopyTo(hh[j..]);
                }
            }
            for (; j < H; j++)
            {
                T r = Sig(x[j] + u[j]), z = Sig(x[H + j] + u[H + j]);
                hn[j] = u[2 * H + j];
                T n = T.Tanh(x[2 * H + j] + r * hn[j]);
                x[j] = r; x[H + j] = z; x[2 * H + j] = n;
                hh[j] = n + z * (hp[j] - n);
            }
        }
    }

    /// <summary>The GRU's pointwise backward step for a batch.</summary>
    /// <param name="gates">Activated r, z, n [batch, 3H].</param>
    /// <param name="hiddenN">W_hn h_{t-1} + b_hn [batch, H].</param>
    /// <param name="hPrev">h_{t-1} [batch, H].</param>
    /// <param name="dh">In: ∂L/∂h_t; out: the direct-path ∂h_{t-1} = ∂h_t⊙z_t (the W_hh path is added by a GEMM) [batch, H].</param>
    /// <param name="dzx">Out: gradient of W_ih x_t + b_ih [batch, 3H].</param>
    /// <param name="dzh">Out: gradient of W_hh h_{t-1} + b_hh [batch, 3H].</param>
    /// <param name="hidden">H.</param>
    /// <remarks>∂z = ∂h⊙(h_{t-1} - n)⊙z(1-z); ∂n̂ = ∂h⊙(1-z)⊙(1-n²); ∂r = ∂n̂⊙(W_hn h + b_hn)⊙r(1-r);
    /// ∂zx = [∂r, ∂z, ∂n̂]; ∂zh = [∂r, ∂z, ∂n̂⊙r].</remarks>
    /// <exception cref="ArgumentException">A span does not match [batch, H] or [batch, 3H].</exception>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> hiddenN, ReadOnlySpan<T> hPrev, Span<T> dh,
        Span<T> dzx, Span<T> dzh, int hidden) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = CheckRows(gates.Length, 3 * hidden, hiddenN.Length, hPrev.Length, dh.Length, dh.Length, hidden);
        Ops.CheckSame(gates.Length, dzx.Length, nameof(dzx)); Ops.CheckSame(gates.Length, dzh.Length, nameof(dzh));
        int H = hidden;
        for (int b = 0; b < batch; b++)
        {
            var g = gates.Slice(b * 3 * H, 3 * H); var dx = dzx.Slice(b * 3 * H, 3 * H); var du = dzh.Slice(b * 3 * H, 3 * H);
            var hn = hiddenN.Slice(b * H, H); var hp = hPrev.Slice(b * H, H); var d = dh.Slice(b * H, H);
            int j = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            {
                var one = Vector<T>.One;
                for (; j <= H - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var r = new Vector<T>(g[j..]); var z = new Vector<T>(g[(H + j)..]); var n = new Vector<T>(g[(2 * H + j)..]);
                    var dv = new Vector<T>(d[j..]);
                    var dzPre = dv * (new Vector<T>(hp[j..]) - n) * z * (one - z);
                    var dnPre = dv * (one - z) * (one - n * n);
                    var drPre = dnPre * new Vector<T>(hn[j..]) * r * (one - r);
                    drPre.CopyTo(dx[j..]); dzPre.CopyTo(dx[(H + j)..]); dnPre.CopyTo(dx[(2 * H + j)..]);
                    drPre.CopyTo(du[j..]); dzPre.CopyTo(du[(H + j)..]); (dnPre * r).CopyTo(du[(2 * H + j)..]);
                    (dv * z).CopyTo(d[j..]);
                }
            }
            for (; j < H; j++)
            {
                T r = g[j], z = g[H + j], n = g[2 * H + j], dv = d[j];
                T dzPre = dv * (hp[j] - n) * z * (T.One - z);
                T dnPre = dv * (T.One - z) * (T.One - n * n);
                T drPre = dnPre * hn[j] * r * (T.One - r);
                dx[j] = drPre; dx[H + j] = dzPre; dx[2 * H + j] = dnPre;
                du[j] = drPre; du[H + j] = dzPre; du[2 * H + j] = dnPre * r;
                d[j] = dv * z;
            }
        }
    }
}
