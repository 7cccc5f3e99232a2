using System.Diagnostics;
using DeepNlp.Numerics;

namespace DeepNlp.Kernels;

/// <summary>The fast tier's threads: a persistent pool of spinning helpers, and the three ways kernels split work over it
/// (<see cref="ParallelFor"/>, <see cref="ParallelRows(int, int, long, Action{int, int})"/>, <see cref="ParallelSlices"/>).</summary>
/// <remarks>
/// The pool serves one fork at a time. A kernel called while the pool is busy (from inside a share, or from another thread
/// while a fork is running) runs on its own thread: <see cref="IsBusy"/> says so, and kernels that would fork check it
/// before they build a job. That is the only coupling between the pool and the kernels, and it is explicit state of the
/// pool, not a per-thread flag. Which thread runs a share never changes what the share computes.
/// </remarks>
internal static class WorkerPool
{
    /// <summary>True while a fork is running: a kernel called now runs serially on its caller's thread.</summary>
    public static bool IsBusy => Volatile.Read(ref _busy) != 0;

    private static int MaxThreads => Ops.MaxThreads;

    /// <summary>Runs <paramref name="body"/>(firstRow, rowCount) over [0, rows) split into up to <see cref="Ops.MaxThreads"/> contiguous
    /// shares (multiples of <paramref name="align"/> rows), when the work is worth a thread hand-off; otherwise runs it once.</summary>
    /// <remarks>Used for recurrences whose rows (sequences of the batch) are independent: each thread runs the GEMMs and the
    /// pointwise gates of its own rows for every time step, so a whole pass needs a single fork and join. Every row is computed
    /// exactly as it would be serially (shares are whole register tiles of rows), so results do not depend on the thread count.</remarks>
    internal static void ParallelRows(int rows, int align, long workPerRow, Action<int, int> body)
    {
        int threads = Math.Min(MaxThreads, rows / Math.Max(1, align));
        if (threads < 2 || IsBusy || workPerRow * rows < (1L << 18)) { body(0, rows); return; }
        int share = (rows + threads - 1) / threads;
        share = (share + align - 1) / align * align;
        int parts = (rows + share - 1) / share;
        // A last share of one to three rows would take the GEMM's few-row path, whose sums may round differently from
        // the register tile those rows share when run serially: it joins the share before it instead.
        if (parts > 1 && rows - (parts - 1) * share < FewRows) parts--;
        if (parts < 2) { body(0, rows); return; }
        ParallelFor(parts, p => body(p * share, (p == parts - 1 ? rows : (p + 1) * share) - p * share));
    }

    /// <summary>Products with fewer rows than this take <see cref="GemmF32"/>'s few-row path instead of its register tiles.</summary>
    internal const int FewRows = 4;

    /// <summary>The body of <see cref="ParallelRows{T}"/>: a share of rows, and a read-only span every share may read.</summary>
    internal delegate void RowsBody<T>(int firstRow, int rowCount, ReadOnlySpan<T> shared);

    /// <summary><see cref="ParallelRows(int, int, long, Action{int, int})"/> for a body that also reads <paramref name="shared"/>
    /// (a span, which a lambda cannot capture): it is pinned for the duration and handed to every share.</summary>
    internal static unsafe void ParallelRows<T>(int rows, int align, long workPerRow, ReadOnlySpan<T> shared, RowsBody<T> body) where T : unmanaged
    {
        fixed (T* pinned = shared)
        {
            nint address = (nint)pinned;
            int length = shared.Length;
            ParallelRows(rows, align, workPerRow, (r0, count) => body(r0, count, new ReadOnlySpan<T>((void*)address, length)));
        }
    }

    /// <summary>Element-wise kernels at least this long split over threads (<see cref="ParallelSlices"/>).</summary>
    internal const int ParallelElements = 1 << 16;

    /// <summary>Runs body(start, count) over [0, length) cut into up to <see cref="Ops.MaxThreads"/> slices of whole 64-element
    /// blocks, in parallel: for element-wise kernels, whose slices compute exactly what one pass would.</summary>
    internal static void ParallelSlices(int length, Action<int, int> body)
    {
        if (length <= 0) return;
        int parts = Math.Max(1, Math.Min(MaxThreads, 16));
        int share = ((length + parts - 1) / parts + 63) / 64 * 64;
        parts = (length + share - 1) / share;
        ParallelFor(parts, p => body(p * share, Math.Min(length, (p + 1) * share) - p * share));
    }

    /// <summary>Runs body(0) .. body(parts - 1), the calling thread and up to <see cref="Ops.MaxThreads"/> - 1 pooled helpers taking
    /// parts in turn; returns when all are done and rethrows the first exception a part threw.</summary>
    /// <remarks>
    /// Kernels fork and join many times a second (twice per training step for each recurrent layer, once per large GEMM), so the
    /// helpers are long-lived threads that spin briefly for the next job before they sleep: a hand-off costs a few hundred
    /// nanoseconds instead of the microseconds of a thread-pool dispatch. The caller takes unclaimed parts itself, so a helper
    /// that the OS has descheduled delays nothing it has not started. Calls made inside a part, or while another thread uses the
    /// pool, run serially. Which thread runs a part never changes what the part computes.
    /// </remarks>
    internal static void ParallelFor(int parts, Action<int> body)
    {
        if (parts <= 0) return;
        int helpers = OperatingSystem.IsBrowser() ? 0 : Math.Min(MaxThreads, 16) - 1;   // .NET WebAssembly: no threads to start
        if (parts == 1 || helpers < 1 || !TryEnter())
        {
            for (int p = 0; p < parts; p++) body(p);
            return;
        }
        try { Run(parts, Math.Min(helpers, parts - 1), body); }
        finally { Exit(); }
    }

    private static readonly object Gate = new();
    private static readonly List<Thread> Threads = [];
    private static Job? _current;
    private static int _busy, _sleeping;
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;   // 200 µs of spinning before a helper sleeps

    private sealed class Job(int parts, int helpers, Action<int> body)
    {
        public readonly int Parts = parts;
        public readonly Action<int> Body = body;
        public int Next, Done, Seats = helpers;   // Seats: helpers still allowed to join (MaxThreads may be below the pool's size)
        public Exception? Error;

        // Claims and runs parts until none is left.
        public void Work()
        {
            int p;
            while ((p = Interlocked.Increment(ref Next) - 1) < Parts)
            {
                try { Body(p); }
                catch (Exception e) { Interlocked.CompareExchange(ref Error, e, null); }
                Interlocked.Increment(ref Done);
            }
        }
    }

    private static bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    private static void Exit() => Volatile.Write(ref _busy, 0);

    private static void Run(int parts, int helpers, Action<int> body)
    {
        lock (Gate)
        {
            while (Threads.Count < helpers)
            {
                var thread = new Thread(HelperLoop) { IsBackground = true, Name = "DeepNlp kernel helper " + (Threads.Count + 1) };
                Threads.Add(thread);
                thread.Start();
            }
        }
        var job = new Job(parts, helpers, body);
        Interlocked.Exchange(ref _current, job);   // a full fence: a helper going to sleep either sees the job or is pulsed
        if (Volatile.Read(ref _sleeping) > 0)
            lock (Gate) Monitor.PulseAll(Gate);
        job.Work();
        var spin = new SpinWait();
        while (Volatile.Read(ref job.Done) < parts) spin.SpinOnce(sleep1Threshold: -1);
        Volatile.Write(ref _current, null);
        if (job.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(job.Error);
    }

    private static void HelperLoop()
    {
        Job? last = null;
        while (true)
        {
            var job = WaitForJob(last);
            last = job;
            if (Interlocked.Decrement(ref job.Seats) >= 0) job.Work();
        }
    }

    // Spins on the current job for a while (the next kernel usually follows within microseconds), then sleeps until pulsed.
    private static Job WaitForJob(Job? last)
    {
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            var job = Volatile.Read(ref _current);
            if (job is not null && job != last && Volatile.Read(ref job.Next) < job.Parts) return job;
            if (Stopwatch.GetTimestamp() - start < SpinTicks) { Thread.SpinWait(30); continue; }
            lock (Gate)
            {
                Interlocked.Increment(ref _sleeping);
                job = Volatile.Read(ref _current);
                if (job is null || job == last || Volatile.Read(ref job.Next) >= job.Parts) Monitor.Wait(Gate);
                Interlocked.Decrement(ref _sleeping);
            }
            start = Stopwatch.GetTimestamp();
        }
    }
}
