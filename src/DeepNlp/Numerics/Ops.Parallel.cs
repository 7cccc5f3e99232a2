namespace DeepNlp.Numerics;

public static partial class Ops
{
    [ThreadStatic] private static bool _insideParallelRows;

    /// <summary>True on a thread that is already running one share of <see cref="ParallelRows"/>: kernels stay single-threaded there.</summary>
    internal static bool InsideParallelRows => _insideParallelRows;

    /// <summary>Runs <paramref name="body"/>(firstRow, rowCount) over [0, rows) split into up to <see cref="MaxThreads"/> contiguous
    /// shares (multiples of <paramref name="align"/> rows), when the work is worth a thread hand-off; otherwise runs it once.</summary>
    /// <remarks>Used for a recurrent step whose rows (sequences of the batch) are independent: each thread runs the GEMM and the
    /// pointwise gates of its own rows, so one step needs a single fork and join. Every row is computed exactly as it would be
    /// serially, so results do not depend on the thread count.</remarks>
    internal static void ParallelRows(int rows, int align, long workPerRow, Action<int, int> body)
    {
        int threads = Math.Min(MaxThreads, rows / Math.Max(1, align));
        if (threads < 2 || _insideParallelRows || workPerRow * rows < (1L << 18)) { body(0, rows); return; }
        int share = (rows + threads - 1) / threads;
        share = (share + align - 1) / align * align;
        int parts = (rows + share - 1) / share;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
        {
            _insideParallelRows = true;
            try { body(p * share, Math.Min(rows, (p + 1) * share) - p * share); }
            finally { _insideParallelRows = false; }
        });
    }
}
