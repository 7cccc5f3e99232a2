using System.Diagnostics;
using System.Globalization;
using DeepNlp.Bench.Neural;
using DeepNlp.Data;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Bench.Transformer;

/// <summary><c>transformer profile [--steps N]</c>: where the time of the kit's Transformer training step goes.</summary>
/// <remarks>Runs the throughput benchmark's configuration (E 128, 4 heads, 2 blocks, FF 512, T 128, batch 32, Adam) and times
/// the step section by section with a stopwatch: the step is rebuilt here from the model's public sub-layers (the same calls
/// in the same order as <see cref="TransformerLanguageModel{T}"/> and <see cref="TransformerBlock{T}"/> make), and the
/// multi-head attention is timed as a whole and, in a second pass on the same inputs, split into its projections and its
/// attention core. The model's own Forward/Backward/Adam step is timed beside it so the sections can be checked against the
/// real step; allocated bytes and GC counts per step are printed for both.</remarks>
internal static class TransformerProfile
{
    public static int Run(string[] args)
    {
        int steps = NeuralSuite.ArgInt(args, "--steps", 10);
        Ops.MaxThreads = Environment.ProcessorCount;
        const int E = 128, Heads = 4, Layers = 2, FF = 512, Seq = 128, Batch = 32;
        var text = File.ReadAllText(DataPath.TinyShakespeare());
        var (ids, vocab) = CharIds.Encode(text);
        var config = new TransformerConfig(vocab, E, Heads, Layers, FF, Seq);
        var model = new TransformerLanguageModel<float>(config, seed: 1);
        var adam = new Adam<float>(model.Parameters, 1e-3);
        var batches = new StreamBatches(ids, Batch, Seq);
        var inputs = new int[Batch * Seq]; var targets = new int[Batch * Seq];
        int N = Batch * Seq, V = vocab;
        var t = new Sections();
        var x = new float[N * E]; var y = new float[N * E]; var hf = new float[N * E]; var logits = new float[N * V];
        var bufs = Enumerable.Range(0, Layers).Select(_ => new BlockBuffers(N, E, FF)).ToArray();
        var loss = new SoftmaxCrossEntropy<float>();

        // The model's own step: warm up, then time it.
        for (int s = 0; s < 5; s++) ModelStep(model, adam, batches, s, inputs, targets, Batch, Seq);
        long gc0 = GC.CollectionCount(0), bytes0 = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++) ModelStep(model, adam, batches, s, inputs, targets, Batch, Seq);
        double modelStep = clock.Elapsed.TotalSeconds / steps;
        double modelBytes = (GC.GetTotalAllocatedBytes(true) - bytes0) / (double)steps;
        long modelGc = GC.CollectionCount(0) - gc0;

        // The same step, section by section (one warm-up step first).
        for (int s = -1; s < steps; s++)
        {
            if (s == 0) { t.Clear(); gc0 = GC.CollectionCount(0); bytes0 = GC.GetTotalAllocatedBytes(true); }
            batches.Fill(s < 0 ? 0 : s, inputs, targets);
            t.Time("adam.ZeroGrad", () => adam.ZeroGrad());
            var xs = x.AsSpan(); var ys = y.AsSpan();
            t.Start(); model.TokenEmbedding.Forward(inputs, x); t.Stop("embedding fwd");
            t.Start(); model.Positions.Forward(x, Batch, Seq); t.Stop("embedding fwd");
            float[] cur = x, next = y;
            for (int l = 0; l < Layers; l++)
            {
                BlockForward(model.Blocks[l], bufs[l], cur, next, Batch, Seq, t);
                (cur, next) = (next, cur);
            }
            t.Start(); model.FinalNorm.Forward(cur, hf); t.Stop("layernorm fwd");
            t.Start(); model.Output.Forward(hf, logits); t.Stop("linear fwd (head)");
            t.Start(); var r = loss.Forward(logits, targets, V); t.Stop("cross-entropy fwd");
            t.Start(); loss.Backward(logits, 1f / r.Count); t.Stop("cross-entropy bwd");
            float[] d = next == x ? x : y;    // free buffers: the two not holding cur
            float[] dh = cur == x ? y : x;
            t.Start(); model.Output.Backward(hf, logits, dh); t.Stop("linear bwd (head)");
            var dcur = hf;                                       // hf is free after the head's backward
            t.Start(); model.FinalNorm.Backward(dh, dcur); t.Stop("layernorm bwd");
            var other = dh;
            for (int l = Layers - 1; l >= 0; l--)
            {
                BlockBackward(model.Blocks[l], bufs[l], dcur, other, t);
                (dcur, other) = (other, dcur);
            }
            t.Start(); model.Positions.Backward(dcur, Batch, Seq); t.Stop("embedding bwd");
            t.Start(); model.TokenEmbedding.Backward(inputs, dcur); t.Stop("embedding bwd");
            t.Time("adam.Step", () => adam.Step());
            _ = d;
        }
        double profBytes = (GC.GetTotalAllocatedBytes(true) - bytes0) / (double)steps;
        long profGc = GC.CollectionCount(0) - gc0;

        // Attention split: projections, head split/merge, core (same inputs as the last step's first block).
        var att = model.Blocks[0].SelfAttention;
        var split = new Sections();
        var qkv = new float[3 * N * E]; var heads = new float[3 * N * E]; var o = new float[N * E]; var dO = new float[N * E]; var dHeads = new float[3 * N * E];
        var h1 = bufs[0].H1;
        for (int s = -1; s < steps; s++)
        {
            if (s == 0) split.Clear();
            split.Start(); Ops.Gemm<float>(h1, att.InProjWeight.Value, qkv, N, 3 * E, E, transposeB: true); Ops.AddRowVector<float>(att.InProjBias.Value, qkv); split.Stop("attn in-proj fwd (GEMM+bias)");
            split.Start(); SplitHeads(qkv, heads, Batch, Seq, E, Heads); split.Stop("attn split/merge heads");
            var hs = heads.AsSpan();
            split.Start(); att.Attention.Forward(hs[..(N * E)], hs.Slice(N * E, N * E), hs.Slice(2 * N * E, N * E), Batch, Heads, Seq, E / Heads, true, default, o); split.Stop("attn core fwd");
            split.Start(); att.Attention.Backward(hs[..(N * E)], hs.Slice(N * E, N * E), hs.Slice(2 * N * E, N * E), o, dHeads.AsSpan(0, N * E), dHeads.AsSpan(N * E, N * E), dHeads.AsSpan(2 * N * E, N * E)); split.Stop("attn core bwd");
            split.Start(); Ops.Gemm<float>(qkv, h1, att.InProjWeight.Grad, 3 * E, E, N, transposeA: true, accumulate: true); split.Stop("attn in-proj dW (GEMM)");
            split.Start(); Ops.Gemm<float>(qkv, att.InProjWeight.Value, dO, N, E, 3 * E); split.Stop("attn in-proj dx (GEMM)");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transformer profile: E {E}, {Heads} heads, {Layers} blocks, FF {FF}, T {Seq}, batch {Batch}; {steps} steps, {Ops.MaxThreads} threads, load average {LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model step (Forward+Backward+Adam): {modelStep * 1e3:F1} ms, {modelBytes / 1024:F1} KiB allocated/step, {modelGc} gen0 GCs in {steps} steps"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sectioned step: {t.Total / steps * 1e3:F1} ms, {profBytes / 1024:F1} KiB allocated/step, {profGc} gen0 GCs"));
        t.Print(steps);
        Console.WriteLine("attention split (block 0, on its own):");
        split.Print(steps);
        GemmShapes(N, E, FF, V);
        return 0;
    }

    // Every GEMM shape of the step, alone: the best of 15 calls with 1 thread and with all (the best is the least disturbed
    // by other processes on a shared machine).
    private static void GemmShapes(int n, int e, int f, int v)
    {
        Console.WriteLine("GEMM shapes of the step (C [m, n] = op(A) op(B), best of 15 calls; GFLOP/s with 1 thread / all threads):");
        (string Name, int M, int N, int K, bool TA, bool TB)[] shapes =
        [
            ("in-proj fwd  x W_inT", n, 3 * e, e, false, true), ("in-proj dW   dqkvT x", 3 * e, e, n, true, false), ("in-proj dx   dqkv W_in", n, e, 3 * e, false, false),
            ("out-proj fwd", n, e, e, false, true), ("out-proj dW", e, e, n, true, false), ("out-proj dx", n, e, e, false, false),
            ("ff1 fwd      h W1T", n, f, e, false, true), ("ff1 dW       duT h", f, e, n, true, false), ("ff1 dx       du W1", n, e, f, false, false),
            ("ff2 fwd      g W2T", n, e, f, false, true), ("ff2 dW       dyT g", e, f, n, true, false), ("ff2 dx       dy W2", n, f, e, false, false),
            ("head fwd", n, v, e, false, true), ("head dW", v, e, n, true, false), ("head dx", n, e, v, false, false),
        ];
        var rng = new Random(1);
        int saved = Ops.MaxThreads;
        foreach (var (name, m, nn, k, ta, tb) in shapes)
        {
            var a = new float[m * k]; var b = new float[k * nn]; var c = new float[m * nn];
            foreach (ref var x in a.AsSpan()) x = (float)rng.NextDouble();
            foreach (ref var x in b.AsSpan()) x = (float)rng.NextDouble();
            var rates = new List<double>();
            foreach (int threads in new[] { 1, saved })
            {
                Ops.MaxThreads = threads;
                double best = double.MaxValue;
                for (int r = 0; r < 16; r++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    Ops.Gemm<float>(a, b, c, m, nn, k, transposeA: ta, transposeB: tb, accumulate: ta);
                    double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                    if (r > 0) best = Math.Min(best, s);
                }
                rates.Add(2.0 * m * nn * k / best / 1e9);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-24} [{m}, {nn}, {k}]{(ta ? " Aᵀ" : "")}{(tb ? " Bᵀ" : "")}: {rates[0],6:F1} / {rates[1],6:F1}"));
        }
        Ops.MaxThreads = saved;
    }

    private static void ModelStep(TransformerLanguageModel<float> model, Adam<float> adam, StreamBatches batches, int s, int[] inputs, int[] targets, int batch, int seq)
    {
        batches.Fill(s % batches.WindowsPerEpoch, inputs, targets);
        adam.ZeroGrad();
        var r = model.Forward(inputs, targets, batch, seq);
        model.Backward(r.Count);
        adam.Step();
    }

    private sealed class BlockBuffers(int n, int e, int f)
    {
        public readonly float[] H1 = new float[n * e], A = new float[n * e], X1 = new float[n * e], H2 = new float[n * e],
            U = new float[n * f], G = new float[n * f], Dg = new float[n * f], Du = new float[n * f], Dh = new float[n * e], Dx1 = new float[n * e];
    }

    // TransformerBlock.Forward, call for call.
    private static void BlockForward(TransformerBlock<float> b, BlockBuffers k, float[] x, float[] y, int batch, int time, Sections t)
    {
        t.Start(); b.Norm1.Forward(x, k.H1); t.Stop("layernorm fwd");
        t.Start(); b.SelfAttention.Forward(k.H1, batch, time, true, default, k.A); t.Stop("self-attention fwd (all)");
        t.Start(); Ops.Add<float>(x, k.A, k.X1); t.Stop("residual adds");
        t.Start(); b.Norm2.Forward(k.X1, k.H2); t.Stop("layernorm fwd");
        t.Start(); b.Linear1.Forward(k.H2, k.U); t.Stop("linear fwd (ff1)");
        t.Start(); Ops.Gelu<float>(k.U, k.G); t.Stop("gelu fwd");
        t.Start(); b.Linear2.Forward(k.G, y); t.Stop("linear fwd (ff2)");
        t.Start(); Ops.AddInPlace<float>(k.X1, y); t.Stop("residual adds");
    }

    // TransformerBlock.Backward, call for call.
    private static void BlockBackward(TransformerBlock<float> b, BlockBuffers k, float[] dy, float[] dx, Sections t)
    {
        t.Start(); b.Linear2.Backward(k.G, dy, k.Dg); t.Stop("linear bwd (ff2)");
        t.Start(); Ops.GeluBackward<float>(k.Dg, k.U, k.Du); t.Stop("gelu bwd");
        t.Start(); b.Linear1.Backward(k.H2, k.Du, k.Dh); t.Stop("linear bwd (ff1)");
        t.Start(); b.Norm2.Backward(k.Dh, k.Dx1); t.Stop("layernorm bwd");
        t.Start(); Ops.AddInPlace<float>(dy, k.Dx1); t.Stop("residual adds");
        t.Start(); b.SelfAttention.Backward(k.Dx1, k.Dh); t.Stop("self-attention bwd (all)");
        t.Start(); b.Norm1.Backward(k.Dh, dx); t.Stop("layernorm bwd");
        t.Start(); Ops.AddInPlace<float>(k.Dx1, dx); t.Stop("residual adds");
    }

    private static void SplitHeads(float[] rows, float[] heads, int batch, int time, int E, int h)
    {
        int d = E / h, n = batch * time * E;
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
                for (int part = 0; part < 3; part++)
                    for (int i = 0; i < h; i++)
                        Array.Copy(rows, (b * time + t) * 3 * E + part * E + i * d, heads, part * n + ((b * h + i) * time + t) * d, d);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private sealed class Sections
    {
        private readonly Dictionary<string, double> _seconds = [];
        private readonly Dictionary<string, long> _bytes = [];
        private readonly List<string> _order = [];
        private long _start, _allocated;

        public double Total => _seconds.Values.Sum();

        public void Clear() { _seconds.Clear(); _bytes.Clear(); _order.Clear(); }

        public void Start() { _allocated = GC.GetTotalAllocatedBytes(true); _start = Stopwatch.GetTimestamp(); }

        public void Stop(string name)
        {
            double s = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            long bytes = GC.GetTotalAllocatedBytes(true) - _allocated;
            if (!_seconds.TryAdd(name, s)) { _seconds[name] += s; _bytes[name] += bytes; }
            else { _order.Add(name); _bytes[name] = bytes; }
        }

        public void Time(string name, Action a) { Start(); a(); Stop(name); }

        public void Print(int steps)
        {
            double total = Total;
            foreach (var name in _order.OrderByDescending(n => _seconds[n]))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-32} {_seconds[name] / steps * 1e3,8:F2} ms  {100 * _seconds[name] / total,5:F1}%  {_bytes[name] / (double)steps / 1024,7:F1} KiB/step"));
        }
    }
}
