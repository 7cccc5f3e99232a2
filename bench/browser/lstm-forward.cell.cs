#r "../artifacts/lib/DeepNlp.dll"
// Issue 22's LSTM forward (emb 64, H 256, T 100, B 32) on one thread, run unchanged as a cell in the browser (live site)
// and natively (course run) by bench/browser.sh. Prints one line of "name value" pairs; times are medians of 3 after a warm-up.
using System.Numerics;
using System.Runtime.Intrinsics;
using DeepNlp.Numerics;
Ops.MaxThreads = 1;
const int T = 100, B = 32, X = 64, H = 256;
var benchRng = new Random(1);
var lstm = new DeepNlp.Layers.Lstm<float>("bench", X, H, benchRng);
var xs = new float[T * B * X];
for (int i = 0; i < xs.Length; i++) xs[i] = (float)(benchRng.NextDouble() * 2 - 1);
var zeros = new float[B * H];
double Median(Action run)
{
    run();
    var times = new List<double>();
    for (int r = 0; r < 3; r++) { var sw = System.Diagnostics.Stopwatch.StartNew(); run(); times.Add(sw.Elapsed.TotalMilliseconds); }
    times.Sort();
    return times[1];
}
double lstmMs = Median(() => lstm.Forward(xs, T, B, zeros, zeros, training: false));
// The same forward's GEMMs alone: per step [B, X]·W_ihᵀ and [B, H]·W_hhᵀ into [B, 4H], both weights packed once.
var wih = Ops.Pack<float>(lstm.W_ih.Value, X, 4 * H, transposeB: true, rows: B);
var whh = Ops.Pack<float>(lstm.W_hh.Value, H, 4 * H, transposeB: true, rows: B);
var gates = new float[B * 4 * H];
var hs = new float[B * H];
for (int i = 0; i < hs.Length; i++) hs[i] = (float)(benchRng.NextDouble() * 2 - 1);
double gemmMs = Median(() =>
{
    for (int t = 0; t < T; t++)
    {
        Ops.Gemm<float>(xs.AsSpan(t * B * X, B * X), wih, gates, B, 4 * H, X, accumulate: true);
        Ops.Gemm<float>(hs, whh, gates, B, 4 * H, H, accumulate: true);
    }
});
// The elementwise ops' SIMD: Vector<T> (what Ops' portable loops use) against Vector128, 1M multiply-adds each.
var va = new float[1 << 16]; var vb = new float[1 << 16];
double vectorMs = Median(() =>
{
    for (int r = 0; r < 16; r++)
        for (int i = 0; i <= va.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(va, i) * new Vector<float>(vb, i) + new Vector<float>(va, i)).CopyTo(va, i);
});
double vector128Ms = Median(() =>
{
    for (int r = 0; r < 16; r++)
        for (int i = 0; i <= va.Length - 4; i += 4)
            (Vector128.Create(va.AsSpan(i)) * Vector128.Create(vb.AsSpan(i)) + Vector128.Create(va.AsSpan(i))).CopyTo(va.AsSpan(i));
});
Console.WriteLine($"lstm_forward_ms {lstmMs:F1} lstm_gemm_ms {gemmMs:F1} vector_t_1m_ms {vectorMs:F1} vector128_1m_ms {vector128Ms:F1} " +
    $"vector_t_count {Vector<float>.Count} vector_accelerated {Vector.IsHardwareAccelerated} vector128_accelerated {Vector128.IsHardwareAccelerated} " +
    $"vector256_accelerated {Vector256.IsHardwareAccelerated} browser {OperatingSystem.IsBrowser()}");
