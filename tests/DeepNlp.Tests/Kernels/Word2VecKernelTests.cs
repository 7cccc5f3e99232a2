using DeepNlp.Kernels;
using System.Runtime.InteropServices;
using DeepNlp.WordVectors;

namespace DeepNlp.Tests.Kernels;

public unsafe class Word2VecKernelTests
{
    // Random padded rows (padding zero) in aligned memory, and the same rows unpadded in double.
    private static (nint Mem, double[] Plain) Rows(int V, int d, int D, Random rng)
    {
        var mem = (float*)NativeMemory.AlignedAlloc((nuint)(V * D * sizeof(float)), 64);
        new Span<float>(mem, V * D).Clear();
        var plain = new double[V * d];
        for (int w = 0; w < V; w++)
            for (int i = 0; i < d; i++) { plain[w * d + i] = (float)(rng.NextDouble() - 0.5); mem[w * D + i] = (float)plain[w * d + i]; }
        return ((nint)mem, plain);
    }

    private static void AssertRowsClose(double[] expected, float* rows, int V, int d, int D)
    {
        for (int w = 0; w < V; w++)
        {
            for (int i = 0; i < d; i++) Assert.Equal(expected[w * d + i], rows[w * D + i], 1e-5);
            for (int i = d; i < D; i++) Assert.Equal(0f, rows[w * D + i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100)]
    public void SkipGramPair_MatchesSkipGramStepInFloat64(int d)
    {
        var rng = new Random(10 + d);
        int V = 6, D = Word2VecKernel.PaddedLength(d);
        int[] targetIds = [3, 0, 5, 3];
        var (input, inPlain) = Rows(V, d, D, rng);
        var (output, outPlain) = Rows(V, d, D, rng);
        var scratch = (float*)NativeMemory.AlignedAlloc((nuint)(D * sizeof(float)), 64);
        try
        {
            SkipGram.Step<double>(inPlain.AsSpan(2 * d, d), outPlain, targetIds, 0.3, new double[d]);

            fixed (int* targets = targetIds) Word2VecKernel.SkipGramPair((float*)input + 2 * D, (float*)output, targets, targetIds.Length, 0.3f, scratch, D);

            AssertRowsClose(inPlain, (float*)input, V, d, D);
            AssertRowsClose(outPlain, (float*)output, V, d, D);
        }
        finally { NativeMemory.AlignedFree((void*)input); NativeMemory.AlignedFree((void*)output); NativeMemory.AlignedFree(scratch); }
    }

    // gensim's skip of saturated scores: row 5 is set to score +8 against the input row, row 0 -8; both are skipped.
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100)]
    public void SkipGramPair_WithSaturation_MatchesSkipGramStepInFloat64(int d)
    {
        var rng = new Random(30 + d);
        int V = 6, D = Word2VecKernel.PaddedLength(d);
        int[] targetIds = [3, 0, 5, 1];
        var (input, inPlain) = Rows(V, d, D, rng);
        var (output, outPlain) = Rows(V, d, D, rng);
        double vv = 0;
        for (int i = 0; i < d; i++) vv += inPlain[2 * d + i] * inPlain[2 * d + i];
        for (int i = 0; i < d; i++)
        {
            outPlain[5 * d + i] = (float)(8 * inPlain[2 * d + i] / vv); ((float*)output)[5 * D + i] = (float)outPlain[5 * d + i];
            outPlain[0 * d + i] = (float)(-8 * inPlain[2 * d + i] / vv); ((float*)output)[0 * D + i] = (float)outPlain[0 * d + i];
        }
        var saturated = outPlain.AsSpan(0, d).ToArray();
        var scratch = (float*)NativeMemory.AlignedAlloc((nuint)(D * sizeof(float)), 64);
        try
        {
            SkipGram.StepSkippingSaturated<double>(inPlain.AsSpan(2 * d, d), outPlain, targetIds, 0.3, new double[d], saturation: 6.0);

            fixed (int* targets = targetIds) Word2VecKernel.SkipGramPair((float*)input + 2 * D, (float*)output, targets, targetIds.Length, 0.3f, scratch, D, saturation: 6f);

            AssertRowsClose(inPlain, (float*)input, V, d, D);
            AssertRowsClose(outPlain, (float*)output, V, d, D);
            Assert.Equal(saturated, outPlain.AsSpan(0, d).ToArray());
        }
        finally { NativeMemory.AlignedFree((void*)input); NativeMemory.AlignedFree((void*)output); NativeMemory.AlignedFree(scratch); }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100)]
    public void CbowWindow_MatchesCbowStepInFloat64(int d)
    {
        var rng = new Random(20 + d);
        int V = 7, D = Word2VecKernel.PaddedLength(d);
        int[] contextIds = [1, 4, 6, 1], targetIds = [2, 0, 5];
        var (input, inPlain) = Rows(V, d, D, rng);
        var (output, outPlain) = Rows(V, d, D, rng);
        var scratch = (float*)NativeMemory.AlignedAlloc((nuint)(2 * D * sizeof(float)), 64);
        try
        {
            Cbow.Step<double>(inPlain, outPlain, contextIds, targetIds, 0.05, new double[d], new double[d]);

            fixed (int* context = contextIds, targets = targetIds)
                Word2VecKernel.CbowWindow((float*)input, (float*)output, context, contextIds.Length, targets, targetIds.Length, 0.05f, scratch, scratch + D, D);

            AssertRowsClose(inPlain, (float*)input, V, d, D);
            AssertRowsClose(outPlain, (float*)output, V, d, D);
        }
        finally { NativeMemory.AlignedFree((void*)input); NativeMemory.AlignedFree((void*)output); NativeMemory.AlignedFree(scratch); }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(100)]
    public void Targets_OnPaddedRows_MatchTheReferenceSkipGramStepInFloat64(int d)
    {
        var rng = new Random(d);
        int V = 5, D = Word2VecKernel.PaddedLength(d);
        int[] targetIds = [2, 0, 4, 2];                       // observed word 2, then noise words (2 again: its row moves twice)
        var h = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var U = Enumerable.Range(0, V * d).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        const float alpha = 0.3f;
        var expectedU = (double[])U.Clone();
        var expectedE = new double[d];
        SkipGram.Step<double>((double[])h.Clone(), expectedU, targetIds, alpha, expectedE);   // the reference step; e = -α ∂J/∂h
        float* mem = (float*)NativeMemory.AlignedAlloc((nuint)((V + 2) * D * sizeof(float)), 64);
        try
        {
            var all = new Span<float>(mem, (V + 2) * D);
            all.Clear();
            float* syn1 = mem, hp = mem + V * D, e = mem + (V + 1) * D;
            for (int i = 0; i < d; i++) hp[i] = (float)h[i];
            for (int w = 0; w < V; w++)
                for (int i = 0; i < d; i++) syn1[w * D + i] = (float)U[w * d + i];

            fixed (int* targets = targetIds) Word2VecKernel.Targets(hp, syn1, targets, targetIds.Length, alpha, e, D);

            for (int i = 0; i < d; i++) Assert.Equal(expectedE[i], e[i], 1e-5);
            for (int w = 0; w < V; w++)
                for (int i = 0; i < d; i++) Assert.Equal(expectedU[w * d + i], syn1[w * D + i], 1e-5);
            for (int i = d; i < D; i++) Assert.Equal(0f, e[i]);
            for (int w = 0; w < V; w++)
                for (int i = d; i < D; i++) Assert.Equal(0f, syn1[w * D + i]);
        }
        finally
        {
            NativeMemory.AlignedFree(mem);
        }
    }

    [Theory]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 3, 1, 0, 4, 1, 2 })]
    public void SkipGramPair_EqualsTargetsThenAdd_Bitwise(int[] targetIds)
    {
        const int d = 100, V = 5;
        int D = Word2VecKernel.PaddedLength(d);
        var rng = new Random(targetIds.Length);
        float* mem = (float*)NativeMemory.AlignedAlloc((nuint)(2 * (V + 2) * D * sizeof(float)), 64);
        try
        {
            var all = new Span<float>(mem, 2 * (V + 2) * D);
            all.Clear();
            float* a = mem, b = mem + (V + 2) * D;                 // two copies of [syn1 (V rows), h, e]
            for (int r = 0; r <= V; r++)
                for (int i = 0; i < d; i++) a[r * D + i] = b[r * D + i] = (float)(rng.NextDouble() - 0.5);

            var h0 = new Span<float>(b + V * D, d).ToArray();

            fixed (int* targets = targetIds)
            {
                Word2VecKernel.Targets(a + V * D, a, targets, targetIds.Length, 0.2f, a + (V + 1) * D, D);
                Word2VecKernel.Add(a + V * D, a + (V + 1) * D, D);
                Word2VecKernel.SkipGramPair(b + V * D, b, targets, targetIds.Length, 0.2f, b + (V + 1) * D, D);
            }

            Assert.Equal(new Span<float>(a, (V + 1) * D).ToArray(), new Span<float>(b, (V + 1) * D).ToArray());
            Assert.NotEqual(h0, new Span<float>(b + V * D, d).ToArray());       // the context row moved
        }
        finally
        {
            NativeMemory.AlignedFree(mem);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(100)]
    [InlineData(300)]
    public void PaddedLength_RoundsUpToTheVectorWidthThisMachineUses(int d)
    {
        int D = Word2VecKernel.PaddedLength(d), lane = Word2VecKernel.Lane;

        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 16 : Math.Max(8, System.Numerics.Vector<float>.Count), lane);
        Assert.Equal(0, D % lane);
        Assert.InRange(D - d, 0, lane - 1);
    }

    // Every row length from one vector to past the four-accumulator block of the AVX2 path (tails of 0-3 vectors).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(17)]
    public void Dot_MatchesAFloat64DotProduct(int vectors)
    {
        int D = vectors * Word2VecKernel.Lane;
        var rng = new Random(vectors);
        float* mem = (float*)NativeMemory.AlignedAlloc((nuint)(2 * D * sizeof(float)), 64);
        try
        {
            double expected = 0;
            for (int i = 0; i < D; i++)
            {
                mem[i] = (float)(rng.NextDouble() - 0.5);
                mem[D + i] = (float)(rng.NextDouble() - 0.5);
                expected += (double)mem[i] * mem[D + i];
            }

            Assert.Equal(expected, Word2VecKernel.Dot(mem, mem + D, D), 1e-5);
        }
        finally
        {
            NativeMemory.AlignedFree(mem);
        }
    }

    [Fact]
    public void Add_AndClear_CoverEveryPaddedElement()
    {
        const int D = 32;
        float* mem = (float*)NativeMemory.AlignedAlloc(2 * D * sizeof(float), 64);
        try
        {
            float* v = mem, e = mem + D;
            for (int i = 0; i < D; i++) { v[i] = i; e[i] = 2 * i; }

            Word2VecKernel.Add(v, e, D);
            Word2VecKernel.Clear(e, D);

            for (int i = 0; i < D; i++) { Assert.Equal(3f * i, v[i]); Assert.Equal(0f, e[i]); }
        }
        finally
        {
            NativeMemory.AlignedFree(mem);
        }
    }
}
