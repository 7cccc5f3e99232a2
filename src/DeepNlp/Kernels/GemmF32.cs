using DeepNlp.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNlp.Kernels;

/// <summary>The float32 GEMM behind <c>Ops.Gemm</c>: packed panels, a register-tiled FMA kernel, two-way threading.</summary>
/// <remarks>
/// Goto/BLIS loop order: for each KC-deep slice of the inner dimension and NC-wide block of columns, B is packed into
/// NR-wide panels; for each MC-high block of rows, a transposed A is packed into MR-high panels, while a row-major A is
/// read in place (its rows are the kernel's broadcast streams: packing them cost as much as a tenth of a small product);
/// the micro-kernel keeps an MR×NR tile of C in registers for the whole slice. Work is split over threads by row ranges (tall products) or column ranges
/// (wide ones), each thread packing its own panels, so threads share nothing but C's disjoint blocks.
/// </remarks>
internal static unsafe class GemmF32
{
    private static readonly bool Wide = Vector512.IsHardwareAccelerated;
    private static readonly int MR = Wide ? 8 : 6;
    private static readonly int NR = Wide ? 32 : 16;
    internal const int KC = 256;
    private static readonly int MC = Wide ? 128 : 120;
    private const int NC = 512;
    private const long ParallelThreshold = 1L << 18;

    [ThreadStatic] private static float[]? _packA;
    [ThreadStatic] private static float[]? _packB;

    public static void Run(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate,
        bool bIsPacked = false)
    {
        if (Portable.Enabled) { GemmF32Portable.Run(ta, tb, m, n, k, a, b, c, accumulate, bIsPacked); return; }
        if (m == 0 || n == 0 || k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
        {
            // The AVX2 kernel writes its first K slice over C instead of adding it to a cleared C (a clear is a pass over
            // C in memory: 2% of an RNN-256 step, whose input projection and ∂x are [3200, 256]); the sums are the same
            // floats, since a chain that starts at +0 never ends at -0. The other paths add to a cleared C.
            bool small = !bIsPacked && SmallGemmF32.Handles(m, n, k);
            bool overwrite = !accumulate && !Wide && m >= SmallRows && !small;
            if (!accumulate && !overwrite) c[..(m * n)].Clear();
            if (m < SmallRows)
            {
                // One or a few rows (batch-1 recurrences): a register tile of MR rows would be mostly padding.
                if (bIsPacked && Wide && SmallGemmF32.IsSupported) SmallGemmF32.PackedRows(ta, m, n, k, pa, pb, pc, KC, NR);
                else if (bIsPacked) SmallPacked(ta, m, n, k, pa, pb, pc);
                else SmallUnpacked(ta, tb, m, n, k, a, b, c);
                return;
            }
            if (small)
            {
                SmallGemmF32.Run(ta, tb, m, n, k, pa, pb, pc);   // a few dozen rows: packing would cost as much as the product
                return;
            }
            var job = new Job(ta, tb, m, n, k, (nint)pa, (nint)pb, (nint)pc, bIsPacked, overwrite);
            long work = (long)m * n * k;
            int threads = work < ParallelThreshold || WorkerPool.IsBusy ? 1 : Math.Max(1, Math.Min(Ops.MaxThreads, 8));
            if (threads == 1) { job.Block(0, m, 0, n); return; }
            if (m >= n || n < 2 * NR)
            {
                int chunk = RoundUp((m + threads - 1) / threads, MR);
                int parts = (m + chunk - 1) / chunk;
                if (parts <= 1) { job.Block(0, m, 0, n); return; }
                WorkerPool.ParallelFor(parts, t => job.Block(t * chunk, Math.Min(m, (t + 1) * chunk), 0, n));
            }
            else
            {
                int chunk = RoundUp((n + threads - 1) / threads, NR);
                int parts = (n + chunk - 1) / chunk;
                WorkerPool.ParallelFor(parts, t => job.Block(0, m, t * chunk, Math.Min(n, (t + 1) * chunk)));
            }
        }
    }

    private const int SmallRows = WorkerPool.FewRows;

    // C[i, :] += op(A)[i, :] · B with B in packed panels: a vector GEMV per row over each NR-wide panel.
    private static void SmallPacked(bool ta, int m, int n, int k, float* a, float* bp, float* c)
    {
        int padded = PaddedColumns(n);
        int half = NR / 2;
        float* acc = stackalloc float[NR];
        for (int i = 0; i < m; i++)
            for (int q = 0; q * NR < n; q++)
            {
                if (Wide)
                {
                    Vector512<float> s0 = default, s1 = default;
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        float* panel = bp + (long)pc * padded + (long)q * NR * kc;
                        for (int p = 0; p < kc; p++)
                        {
                            var x = Vector512.Create(ta ? a[(long)(pc + p) * m + i] : a[(long)i * k + pc + p]);
                            s0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(panel + p * NR), s0);
                            s1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(panel + p * NR + 16), s1);
                        }
                    }
                    s0.Store(acc); s1.Store(acc + 16);
                }
                else
                {
                    Vector256<float> s0 = default, s1 = default;
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        float* panel = bp + (long)pc * padded + (long)q * NR * kc;
                        for (int p = 0; p < kc; p++)
                        {
                            var x = Vector256.Create(ta ? a[(long)(pc + p) * m + i] : a[(long)i * k + pc + p]);
                            s0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(panel + p * NR), s0);
                            s1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(panel + p * NR + half), s1);
                        }
                    }
                    s0.Store(acc); s1.Store(acc + half);
                }
                int cols = Math.Min(NR, n - q * NR);
                float* crow = c + (long)i * n + q * NR;
                for (int j = 0; j < cols; j++) crow[j] += acc[j];
            }
    }

    // The same for an unpacked B: axpy over B's rows (B [k, n]) or dot products with them (B stored [n, k]).
    private static void SmallUnpacked(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        var column = ta ? new float[k] : [];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> ai;
            if (ta)
            {
                for (int p = 0; p < k; p++) column[p] = a[p * m + i];
                ai = column;
            }
            else ai = a.Slice(i * k, k);
            var ci = c.Slice(i * n, n);
            if (tb)
                for (int j = 0; j < n; j++) ci[j] += System.Numerics.Tensors.TensorPrimitives.Dot(ai, b.Slice(j * k, k));
            else
                for (int p = 0; p < k; p++)
                    if (ai[p] != 0) System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(b.Slice(p * n, n), ai[p], ci, ci);
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Columns of B rounded up to whole NR-wide panels.</summary>
    public static int PaddedColumns(int n) => RoundUp(n, NR);

    /// <summary>Length of the packed form of a [k, n] operand.</summary>
    public static int PackedLength(int k, int n) => PaddedColumns(n) * k;

    /// <summary>Packs all of op(B) [k, n] once, in the panel layout the kernel reads: for each KC slice, NR-wide panels
    /// over all n columns. Reused across calls (a recurrent weight multiplies every time step).</summary>
    public static void PackAll(bool tb, int k, int n, ReadOnlySpan<float> b, Span<float> packed)
    {
        fixed (float* pb0 = b, dst = packed)
        {
            float* pb = pb0;
            if (tb && SmallGemmF32.IsSupported && n <= SmallGemmF32.MaxSide && k <= SmallGemmF32.MaxSide)
            {
                pb = SmallGemmF32.Transposed(pb0, n, k);   // 8×8 register transposes, then plain row copies into the panels
                tb = false;
            }
            var job = new Job(false, tb, 0, n, k, 0, (nint)pb, 0, false, false);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                job.PackBPublic(pb, pc, kc, 0, n, dst + (long)pc * PaddedColumns(n));
            }
        }
    }

    // Overwrite: the first K slice stores its tiles into C (AVX2 kernel only; C was not cleared).
    private readonly record struct Job(bool Ta, bool Tb, int M, int N, int K, nint A, nint B, nint C, bool Packed, bool Overwrite)
    {
        public void Block(int r0, int r1, int c0, int c1)
        {
            var packA = _packA ??= GC.AllocateArray<float>(MC * KC, pinned: true);
            var packB = _packB ??= GC.AllocateArray<float>(NC * KC, pinned: true);
            float* a = (float*)A, b = (float*)B, c = (float*)C;
            float* scratch = stackalloc float[8 * 32];   // the kernels' edge tiles (see Kernel6x16): 8×32 for AVX-512, 6×16 for AVX2
            fixed (float* ap = packA, bp = packB)
            {
                for (int pc = 0; pc < K; pc += KC)
                {
                    int kc = Math.Min(KC, K - pc);
                    bool store = Overwrite && pc == 0;
                    for (int jc = c0; jc < c1; jc += NC)
                    {
                        int nc = Math.Min(NC, c1 - jc);
                        float* bpanels = Packed ? b + (long)pc * PaddedColumns(N) + (long)jc * kc : bp;
                        if (!Packed) PackB(b, pc, kc, jc, nc, bp);
                        for (int ic = r0; ic < r1; ic += MC)
                        {
                            int mc = Math.Min(MC, r1 - ic);
                            // A stored row-major is read in place: the kernel broadcasts each element from its row (stride K)
                            // as it would from a packed panel (stride 1 between rows, MR between steps), so the sums are the
                            // same floats. Packing cost a tenth of a recurrent step's product (32 rows against 8 panels of B).
                            if (Ta) PackA(a, ic, mc, pc, kc, ap);
                            long rs = Ta ? 1 : K, ps = Ta ? MR : 1;
                            for (int jr = 0; jr < nc; jr += NR)
                            {
                                int cols = Math.Min(NR, nc - jr);
                                for (int ir = 0; ir < mc; ir += MR)
                                {
                                    int rows = Math.Min(MR, mc - ir);
                                    float* at = Ta ? ap + ir * kc : a + (long)(ic + ir) * K + pc;
                                    float* ct = c + (long)(ic + ir) * N + jc + jr;
                                    if (Wide) Kernel8x32(kc, at, rs, ps, bpanels + jr * kc, ct, N, rows, cols, scratch);
                                    else Kernel6x16(kc, at, rs, ps, bpanels + jr * kc, ct, N, rows, cols, scratch, store);
                                }
                            }
                        }
                    }
                }
            }
        }

        // Packs A[ic..ic+mc, pc..pc+kc] into MR-high panels: panel q holds, for each p, MR consecutive rows (zero-padded).
        private void PackA(float* a, int ic, int mc, int pc, int kc, float* dst)
        {
            for (int ir = 0; ir < mc; ir += MR)
            {
                int rows = Math.Min(MR, mc - ir);
                float* panel = dst + ir * kc;
                if (rows < MR) new Span<float>(panel, MR * kc).Clear();
                // A is stored [K, M] (only a transposed A is packed): each p gives MR consecutive rows of op(A), a contiguous read.
                float* src = a + (long)pc * M + ic + ir;
                if (rows == 8 && MR == 8)
                    for (int p = 0; p < kc; p++) Vector256.Load(src + (long)p * M).Store(panel + p * 8);
                else
                {
                    int p = 0;
                    // AVX2 (MR = 6): eight floats per p where the row of A has them; the two extra land on the start
                    // of p + 1, which the next store overwrites, so the last p is copied by the scalar loop.
                    if (rows == 6 && MR == 6 && ic + ir + 8 <= M)
                        for (; p < kc - 1; p++) Vector256.Load(src + (long)p * M).Store(panel + p * 6);
                    for (; p < kc; p++)
                        for (int r = 0; r < rows; r++) panel[p * MR + r] = src[(long)p * M + r];
                }
            }
        }

        public void PackBPublic(float* b, int pc, int kc, int jc, int nc, float* dst) => PackB(b, pc, kc, jc, nc, dst);

        // Packs B[pc..pc+kc, jc..jc+nc] into NR-wide panels: panel q holds, for each p, NR consecutive columns (zero-padded).
        private void PackB(float* b, int pc, int kc, int jc, int nc, float* dst)
        {
            for (int jr = 0; jr < nc; jr += NR)
            {
                int cols = Math.Min(NR, nc - jr);
                float* panel = dst + jr * kc;
                if (cols < NR) new Span<float>(panel, NR * kc).Clear();
                if (Tb)
                {
                    // B is stored [N, K]: eight of its rows at a time become eight columns of the panel, in 8x8 AVX blocks.
                    int cc = 0;
                    if (Avx.IsSupported)
                        for (; cc + 8 <= cols; cc += 8)
                        {
                            float* src8 = b + (long)(jc + jr + cc) * K + pc;
                            int p = 0;
                            for (; p + 8 <= kc; p += 8) SmallGemmF32.Transpose8x8(src8 + p, K, panel + p * NR + cc, NR);
                            for (int r = 0; r < 8; r++)
                                for (int q = p; q < kc; q++) panel[q * NR + cc + r] = src8[(long)r * K + q];
                        }
                    for (; cc < cols; cc++)
                    {
                        float* src = b + (long)(jc + jr + cc) * K + pc;
                        for (int p = 0; p < kc; p++) panel[p * NR + cc] = src[p];
                    }
                }
                else if (cols == NR)
                {
                    // A full panel row is NR floats: two vector copies, not a memmove call per 64 or 128 bytes (which cost
                    // 5% of an RNN-256 step on AVX2: the weight gradients pack all T·B rows of h this way).
                    for (int p = 0; p < kc; p++)
                    {
                        float* src = b + (long)(pc + p) * N + jc + jr, dstRow = panel + p * NR;
                        if (Wide) { Vector512.Load(src).Store(dstRow); Vector512.Load(src + 16).Store(dstRow + 16); }
                        else { Vector256.Load(src).Store(dstRow); Vector256.Load(src + 8).Store(dstRow + 8); }
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* src = b + (long)(pc + p) * N + jc + jr;
                        new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(panel + p * NR, cols));
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // A: row r, step p at a[r·rs + p·ps] (a packed panel: rs = 1, ps = 8; A in place: rs = lda, ps = 1). Rows past `rows`
    // read the last real row (never written back), so an edge panel of A in place reads nothing outside A.
    private static void Kernel8x32(int kc, float* a, long rs, long ps, float* b, float* c, int ldc, int rows, int cols, float* t)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        float* a0 = a, a1 = a + Math.Min(1, rows - 1) * rs, a2 = a + Math.Min(2, rows - 1) * rs, a3 = a + Math.Min(3, rows - 1) * rs;
        float* a4 = a + Math.Min(4, rows - 1) * rs, a5 = a + Math.Min(5, rows - 1) * rs, a6 = a + Math.Min(6, rows - 1) * rs, a7 = a + Math.Min(7, rows - 1) * rs;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            long o = p * ps;
            var x = Vector512.Create(a0[o]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[o]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[o]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[o]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a4[o]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a5[o]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a6[o]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a7[o]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            b += 32;
        }
        if (rows == 8 && cols == 32)
        {
            Acc(c, c00, c01); Acc(c + ldc, c10, c11); Acc(c + 2 * ldc, c20, c21); Acc(c + 3 * ldc, c30, c31);
            Acc(c + 4 * ldc, c40, c41); Acc(c + 5 * ldc, c50, c51); Acc(c + 6 * ldc, c60, c61); Acc(c + 7 * ldc, c70, c71);
            return;
        }
        c00.Store(t); c01.Store(t + 16); c10.Store(t + 32); c11.Store(t + 48); c20.Store(t + 64); c21.Store(t + 80);
        c30.Store(t + 96); c31.Store(t + 112); c40.Store(t + 128); c41.Store(t + 144); c50.Store(t + 160); c51.Store(t + 176);
        c60.Store(t + 192); c61.Store(t + 208); c70.Store(t + 224); c71.Store(t + 240);
        AddPartial(t, 32, c, ldc, rows, cols);

        static void Acc(float* row, Vector512<float> v0, Vector512<float> v1)
        {
            (Vector512.Load(row) + v0).Store(row);
            (Vector512.Load(row + 16) + v1).Store(row + 16);
        }
    }

    // Compile-time row counts: the JIT specialises Kernel6x16 per struct type argument and drops the rows a short edge
    // panel does not have (a 16-row batch is panels of 6, 6 and 4 rows: no multiply-adds on zero padding).
    private interface IRows { static abstract int Value { get; } }
    private readonly struct R1 : IRows { public static int Value => 1; }
    private readonly struct R2 : IRows { public static int Value => 2; }
    private readonly struct R3 : IRows { public static int Value => 3; }
    private readonly struct R4 : IRows { public static int Value => 4; }
    private readonly struct R5 : IRows { public static int Value => 5; }
    private readonly struct R6 : IRows { public static int Value => 6; }

    private static void Kernel6x16(int kc, float* a, long rs, long ps, float* b, float* c, int ldc, int rows, int cols, float* scratch, bool store)
    {
        switch (rows)
        {
            case 6: Kernel6x16<R6>(kc, a, rs, ps, b, c, ldc, cols, scratch, store); break;
            case 5: Kernel6x16<R5>(kc, a, rs, ps, b, c, ldc, cols, scratch, store); break;
            case 4: Kernel6x16<R4>(kc, a, rs, ps, b, c, ldc, cols, scratch, store); break;
            case 3: Kernel6x16<R3>(kc, a, rs, ps, b, c, ldc, cols, scratch, store); break;
            case 2: Kernel6x16<R2>(kc, a, rs, ps, b, c, ldc, cols, scratch, store); break;
            default: Kernel6x16<R1>(kc, a, rs, ps, b, c, ldc, cols, scratch, store); break;
        }
    }

    // R ≤ 6 rows × 16 columns of C += A-panel · B-panel: 12 YMM accumulators, two B vectors and one broadcast, 15 of the
    // 16 registers. Nothing after the loop may call a helper or stackalloc while the accumulators are live: every YMM
    // register is caller-saved in the SysV ABI, so the JIT would spill all twelve at each multiply-add inside the loop
    // (a store and a reload per FMA: about 3× slower on Zen; the first AVX2 version did exactly that, through a stackalloc'd
    // edge tile). Edge tiles therefore go through the caller's scratch buffer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // A: row r, step p at a[r·rs + p·ps] (a packed panel: rs = 1, ps = 6; A in place: rs = lda, ps = 1); only R rows are read.
    // store: C = tile (the first K slice of a product that overwrites C); otherwise C += tile.
    private static void Kernel6x16<R>(int kc, float* a, long rs, long ps, float* b, float* c, int ldc, int cols, float* scratch, bool store) where R : struct, IRows
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, a4 = a + 4 * rs, a5 = a + 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            long o = p * ps;
            var x = Vector256.Create(a0[o]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            if (R.Value > 1) { x = Vector256.Create(a1[o]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11); }
            if (R.Value > 2) { x = Vector256.Create(a2[o]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21); }
            if (R.Value > 3) { x = Vector256.Create(a3[o]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31); }
            if (R.Value > 4) { x = Vector256.Create(a4[o]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41); }
            if (R.Value > 5) { x = Vector256.Create(a5[o]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51); }
            b += 16;
        }
        if (cols == 16 && store)
        {
            c00.Store(c); c01.Store(c + 8);
            if (R.Value > 1) { float* r = c + ldc; c10.Store(r); c11.Store(r + 8); }
            if (R.Value > 2) { float* r = c + 2L * ldc; c20.Store(r); c21.Store(r + 8); }
            if (R.Value > 3) { float* r = c + 3L * ldc; c30.Store(r); c31.Store(r + 8); }
            if (R.Value > 4) { float* r = c + 4L * ldc; c40.Store(r); c41.Store(r + 8); }
            if (R.Value > 5) { float* r = c + 5L * ldc; c50.Store(r); c51.Store(r + 8); }
            return;
        }
        if (cols == 16)
        {
            // c + v per element, as the scalar edge path adds: the same floats either way.
            (Vector256.Load(c) + c00).Store(c); (Vector256.Load(c + 8) + c01).Store(c + 8);
            if (R.Value > 1) { float* r = c + ldc; (Vector256.Load(r) + c10).Store(r); (Vector256.Load(r + 8) + c11).Store(r + 8); }
            if (R.Value > 2) { float* r = c + 2L * ldc; (Vector256.Load(r) + c20).Store(r); (Vector256.Load(r + 8) + c21).Store(r + 8); }
            if (R.Value > 3) { float* r = c + 3L * ldc; (Vector256.Load(r) + c30).Store(r); (Vector256.Load(r + 8) + c31).Store(r + 8); }
            if (R.Value > 4) { float* r = c + 4L * ldc; (Vector256.Load(r) + c40).Store(r); (Vector256.Load(r + 8) + c41).Store(r + 8); }
            if (R.Value > 5) { float* r = c + 5L * ldc; (Vector256.Load(r) + c50).Store(r); (Vector256.Load(r + 8) + c51).Store(r + 8); }
            return;
        }
        c00.Store(scratch); c01.Store(scratch + 8); c10.Store(scratch + 16); c11.Store(scratch + 24); c20.Store(scratch + 32); c21.Store(scratch + 40);
        c30.Store(scratch + 48); c31.Store(scratch + 56); c40.Store(scratch + 64); c41.Store(scratch + 72); c50.Store(scratch + 80); c51.Store(scratch + 88);
        if (store) StorePartial(scratch, 16, c, ldc, R.Value, cols);
        else AddPartial(scratch, 16, c, ldc, R.Value, cols);
    }

    private static void AddPartial(float* tile, int ldt, float* c, int ldc, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) c[(long)r * ldc + j] += tile[r * ldt + j];
    }

    private static void StorePartial(float* tile, int ldt, float* c, int ldc, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) c[(long)r * ldc + j] = tile[r * ldt + j];
    }
}
