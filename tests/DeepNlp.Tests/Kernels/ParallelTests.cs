using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Kernels;

[Collection("WorkerPool")]
public class ParallelTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(4, 64)]
    public void ParallelFor_RunsEveryPartExactlyOnce(int threads, int parts)
    {
        var counts = new int[parts];
        int saved = Ops.MaxThreads;

        try
        {
            Ops.MaxThreads = threads;
            for (int round = 0; round < 50; round++) WorkerPool.ParallelFor(parts, p => Interlocked.Increment(ref counts[p]));
        }
        finally { Ops.MaxThreads = saved; }

        Assert.All(counts, c => Assert.Equal(50, c));
    }

    [Fact]
    public void ParallelFor_PartThrows_RethrowsOnCaller()
    {
        int saved = Ops.MaxThreads;

        try
        {
            Ops.MaxThreads = 2;
            var e = Assert.Throws<InvalidOperationException>(() => WorkerPool.ParallelFor(4, p => { if (p == 3) throw new InvalidOperationException("part 3"); }));

            Assert.Equal("part 3", e.Message);
        }
        finally { Ops.MaxThreads = saved; }
    }

    [Fact]
    public void ParallelRows_SharesCoverRowsInAlignedBlocks()
    {
        var starts = new System.Collections.Concurrent.ConcurrentBag<(int First, int Count)>();
        int saved = Ops.MaxThreads;

        try
        {
            Ops.MaxThreads = 2;
            WorkerPool.ParallelRows(40, 8, 1 << 20, (r0, rows) => starts.Add((r0, rows)));
        }
        finally { Ops.MaxThreads = saved; }

        Assert.Equal([(0, 24), (24, 16)], starts.OrderBy(s => s.First).ToArray());
    }

    [Fact]
    public void ParallelRows_RemainderOfFewRows_JoinsThePreviousShare()
    {
        var shares = new System.Collections.Concurrent.ConcurrentBag<(int First, int Count)>();
        int saved = Ops.MaxThreads;

        try
        {
            Ops.MaxThreads = 2;
            WorkerPool.ParallelRows(34, 8, 1 << 20, (r0, rows) => shares.Add((r0, rows)));
            WorkerPool.ParallelRows(18, 8, 1 << 20, (r0, rows) => shares.Add((r0, rows)));
        }
        finally { Ops.MaxThreads = saved; }

        Assert.Equal([(0, 18), (0, 24), (24, 10)], shares.OrderBy(s => s.First).ThenBy(s => s.Count).ToArray());
    }

    [Fact]
    public void ParallelRows_NestedCall_RunsSeriallyInsideAShare()
    {
        int nestedShares = 0;
        int saved = Ops.MaxThreads;

        try
        {
            Ops.MaxThreads = 2;
            WorkerPool.ParallelRows(32, 8, 1 << 20, (_, _) => WorkerPool.ParallelRows(32, 8, 1 << 20, (_, rows) =>
            {
                Assert.Equal(32, rows);
                Interlocked.Increment(ref nestedShares);
            }));
        }
        finally { Ops.MaxThreads = saved; }

        Assert.Equal(2, nestedShares);
    }
}
