using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNlp.Kernels;

/// <summary>
/// The fast tier of word2vec's negative-sampling update (<see cref="DeepNlp.WordVectors.Word2Vec"/>): the update of
/// <see cref="DeepNlp.WordVectors.SkipGram.Step{T}"/> and <see cref="DeepNlp.WordVectors.Cbow.Step{T}"/> on padded rows.
/// </summary>
/// <remarks>
/// Rows are stored with a stride of <see cref="PaddedLength"/> floats in 64-byte-aligned memory: d rounded up to the
/// vector width the loops use, so that no loop has a scalar tail. Where the JIT accelerates 512-bit vectors (AVX-512)
/// that is 16 floats (112 for d = 100, every row on cache-line boundaries); otherwise 8 (AVX2 with FMA, or
/// <see cref="Vector{T}"/> elsewhere): 104 for d = 100, which touches 7 cache lines per row like 112 does but
/// is 13 rather than 14 vectors. The padding starts at zero and stays zero: every update adds multiples of other rows'
/// padding. Each loop has an AVX-512 path, an AVX2+FMA path (fused multiply-adds, and four accumulators in the dot
/// product so that it is not one chain of dependent additions) and a portable <see cref="Vector{T}"/> path.
/// Pointers rather than spans: the rows live in native aligned memory (the GC heap does not align arrays to 64
/// bytes), and the loop runs tens of millions of times per epoch; the callers own the memory and form pointers only
/// from vocabulary ids.
/// </remarks>
internal static unsafe class Word2VecKernel
{
    /// <summary>The vector width, in floats, that rows are padded to: 16 with AVX-512, else 8 (or a wider <see cref="Vector{T}"/>).</summary>
    public static int Lane => Vector512.IsHardwareAccelerated ? 16 : Math.Max(8, Vector<float>.Count);

    /// <summary>Row stride for vectors of length <paramref name="d"/>: d rounded up to a multiple of <see cref="Lane"/>.</summary>
    public static int PaddedLength(int d) => (d + Lane - 1) / Lane * Lane;

    // AVX2 with FMA and no accelerated 512-bit vectors: the 256-bit paths below (Zen 1-3, Haswell and later client cores).
    private static bool Avx2Fma => !Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>
    /// For the targets u_t = syn1[targets[t]] (label 1 for t = 0, 0 for the noise words after it):
    /// g = α (label - σ(hᵀu_t)); e = Σ_t g u_t (old u_t); u_t += g h. The caller adds e to the input rows.
    /// </summary>
    /// <param name="h">Hidden vector, <c>[D]</c>.</param>
    /// <param name="syn1">Output rows, stride <paramref name="D"/>.</param>
    /// <param name="targets">Target ids, the observed word first.</param>
    /// <param name="count">Number of targets, at least 1.</param>
    /// <param name="alpha">Learning rate α.</param>
    /// <param name="e">Receives Σ g u_t (the C tool's <c>neu1e</c>), <c>[D]</c>.</param>
    /// <param name="D">Padded length, a multiple of <see cref="Lane"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Targets(float* h, float* syn1, int* targets, int count, float alpha, float* e, int D)
    {
        for (int t = 0; t < count; t++)
        {
            float* u = syn1 + (nint)targets[t] * D;
            float s = Dot(h, u, D);
            float g = Gradient(s, observed: t == 0, alpha);
            Update(h, u, t == 0 ? null : e, e, g, D);
        }
    }

    /// <summary>
    /// The skip-gram step for one (context, centre) pair: <see cref="Targets"/> followed by h += e, with the clear of e
    /// folded into the first target and the addition to h into the last (two fewer passes over the rows).
    /// </summary>
    /// <param name="h">The context word's input row, updated in place, <c>[D]</c>.</param>
    /// <param name="syn1">Output rows, stride <paramref name="D"/>.</param>
    /// <param name="targets">Target ids, the observed word first.</param>
    /// <param name="count">Number of targets, at least 1.</param>
    /// <param name="alpha">Learning rate α.</param>
    /// <param name="e">Scratch <c>[D]</c>.</param>
    /// <param name="D">Padded length, a multiple of <see cref="Lane"/>.</param>
    /// <param name="saturation">A target whose score has |s| ≥ this gets g = 0, no update (gensim's skip; an experiment
    /// switch, <see cref="DeepNlp.WordVectors.Word2VecVariant.SkipSaturated"/>). The default, +∞, never skips: the C tool's update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SkipGramPair(float* h, float* syn1, int* targets, int count, float alpha, float* e, int D, float saturation = float.PositiveInfinity)
    {
        for (int t = 0; t < count; t++)
        {
            float* u = syn1 + (nint)targets[t] * D;
            float s = Dot(h, u, D);
            float g = MathF.Abs(s) < saturation ? Gradient(s, observed: t == 0, alpha) : 0f;
            if (t == count - 1) UpdateLast(h, u, t == 0 ? null : e, g, D);
            else Update(h, u, t == 0 ? null : e, e, g, D);
        }
    }

    // g = α (label - σ(hᵀu)): label 1 for the observed word, 0 for a noise word.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Gradient(float score, bool observed, float alpha) =>
        ((observed ? 1f : 0f) - 1f / (1f + MathF.Exp(-score))) * alpha;

    // e = e0 + g u (e0 null: 0); u += g h.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* h, float* u, float* e0, float* e, float g, int D)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var gv = Vector512.Create(g);
            for (int i = 0; i < D; i += 16)
            {
                var uv = Vector512.Load(u + i);
                var ev = e0 == null ? gv * uv : Vector512.FusedMultiplyAdd(gv, uv, Vector512.Load(e0 + i));
                Vector512.Store(ev, e + i);
                Vector512.Store(Vector512.FusedMultiplyAdd(gv, Vector512.Load(h + i), uv), u + i);
            }
            return;
        }
        if (Avx2Fma)
        {
            var gv = Vector256.Create(g);
            for (int i = 0; i < D; i += 8)
            {
                var uv = Vector256.Load(u + i);
                var ev = e0 == null ? gv * uv : Fma.MultiplyAdd(gv, uv, Vector256.Load(e0 + i));
                Vector256.Store(ev, e + i);
                Vector256.Store(Fma.MultiplyAdd(gv, Vector256.Load(h + i), uv), u + i);
            }
            return;
        }
        var gw = new Vector<float>(g);
        for (int i = 0; i < D; i += Vector<float>.Count)
        {
            var uv = Vector.Load(u + i);
            var ev = gw * uv;
            if (e0 != null) ev += Vector.Load(e0 + i);
            Vector.Store(ev, e + i);
            Vector.Store(uv + gw * Vector.Load(h + i), u + i);
        }
    }

    // u += g h; h += e + g u (old u and h; e null: 0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateLast(float* h, float* u, float* e, float g, int D)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var gv = Vector512.Create(g);
            for (int i = 0; i < D; i += 16)
            {
                var uv = Vector512.Load(u + i);
                var hv = Vector512.Load(h + i);
                var dh = e == null ? gv * uv : Vector512.FusedMultiplyAdd(gv, uv, Vector512.Load(e + i));
                Vector512.Store(Vector512.FusedMultiplyAdd(gv, hv, uv), u + i);
                Vector512.Store(hv + dh, h + i);
            }
            return;
        }
        if (Avx2Fma)
        {
            var gv = Vector256.Create(g);
            for (int i = 0; i < D; i += 8)
            {
                var uv = Vector256.Load(u + i);
                var hv = Vector256.Load(h + i);
                var dh = e == null ? gv * uv : Fma.MultiplyAdd(gv, uv, Vector256.Load(e + i));
                Vector256.Store(Fma.MultiplyAdd(gv, hv, uv), u + i);
                Vector256.Store(hv + dh, h + i);
            }
            return;
        }
        var gw = new Vector<float>(g);
        for (int i = 0; i < D; i += Vector<float>.Count)
        {
            var uv = Vector.Load(u + i);
            var hv = Vector.Load(h + i);
            var dh = gw * uv;
            if (e != null) dh += Vector.Load(e + i);
            Vector.Store(uv + gw * hv, u + i);
            Vector.Store(hv + dh, h + i);
        }
    }

    /// <summary>
    /// The CBOW step for one window, <see cref="DeepNlp.WordVectors.Cbow.Step{T}"/> on padded rows: h = mean of the context
    /// rows, <see cref="Targets"/>, then e added to every context row.
    /// </summary>
    /// <param name="syn0">Input rows, stride <paramref name="D"/>.</param>
    /// <param name="syn1">Output rows, stride <paramref name="D"/>.</param>
    /// <param name="context">Context ids.</param>
    /// <param name="contextCount">Number of context ids, at least 1.</param>
    /// <param name="targets">Target ids, the centre word first.</param>
    /// <param name="count">Number of targets, at least 1.</param>
    /// <param name="alpha">Learning rate α.</param>
    /// <param name="h">Scratch <c>[D]</c> for the mean context vector (the C tool's <c>neu1</c>).</param>
    /// <param name="e">Scratch <c>[D]</c> (the C tool's <c>neu1e</c>).</param>
    /// <param name="D">Padded length, a multiple of <see cref="Lane"/>.</param>
    public static void CbowWindow(float* syn0, float* syn1, int* context, int contextCount, int* targets, int count, float alpha,
        float* h, float* e, int D)
    {
        Clear(h, D);
        for (int c = 0; c < contextCount; c++) Add(h, syn0 + (nint)context[c] * D, D);
        Scale(h, 1f / contextCount, D);                                   // h = mean of context vectors
        for (int t = 1; t < count; t++) Prefetch(syn1 + (nint)targets[t] * D, D);
        Targets(h, syn1, targets, count, alpha, e, D);
        for (int c = 0; c < contextCount; c++) Add(syn0 + (nint)context[c] * D, e, D);
    }

    /// <summary>hᵀu over D floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int D)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            for (; i <= D - 32; i += 32)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 16), Vector512.Load(b + i + 16), acc1);
            }
            if (i < D) acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
            return Vector512.Sum(acc0 + acc1);
        }
        if (Avx2Fma)
        {
            // Four independent chains: one accumulator would make the 13 FMAs of a 104-float row wait on each other.
            Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i <= D - 32; i += 32)
            {
                s0 = Fma.MultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
                s1 = Fma.MultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), s1);
                s2 = Fma.MultiplyAdd(Vector256.Load(a + i + 16), Vector256.Load(b + i + 16), s2);
                s3 = Fma.MultiplyAdd(Vector256.Load(a + i + 24), Vector256.Load(b + i + 24), s3);
            }
            for (; i < D; i += 8) s0 = Fma.MultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
            return Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        var acc = Vector<float>.Zero;
        for (; i < D; i += Vector<float>.Count)
            acc += Vector.Load(a + i) * Vector.Load(b + i);
        return Vector.Sum(acc);
    }

    /// <summary>v += e.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(float* v, float* e, int D)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < D; i += 16) Vector512.Store(Vector512.Load(v + i) + Vector512.Load(e + i), v + i);
            return;
        }
        if (Avx2Fma)
        {
            for (int i = 0; i < D; i += 8) Vector256.Store(Vector256.Load(v + i) + Vector256.Load(e + i), v + i);
            return;
        }
        for (int i = 0; i < D; i += Vector<float>.Count) Vector.Store(Vector.Load(v + i) + Vector.Load(e + i), v + i);
    }

    /// <summary>v *= c.</summary>
    public static void Scale(float* v, float c, int D)
    {
        for (int i = 0; i < D; i++) v[i] *= c;
    }

    /// <summary>v = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(float* v, int D)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < D; i += 16) Vector512.Store(Vector512<float>.Zero, v + i);
            return;
        }
        for (int i = 0; i < D; i += Vector<float>.Count) Vector.Store(Vector<float>.Zero, v + i);
    }

    /// <summary>Asks for the row at <paramref name="row"/> to be brought into L1 while other work goes on.</summary>
    /// <remarks>One prefetch per 64 bytes from the row's start. That reaches every line the row touches: a stride that is
    /// an odd multiple of 8 floats (104) starts rows on a line or half a line in and ends them in the line of the last
    /// prefetch; an even multiple keeps every row on line boundaries.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(float* row, int D)
    {
        if (!Sse.IsSupported) return;
        for (int i = 0; i < D; i += 16) Sse.Prefetch0(row + i);
    }
}
