namespace DeepNlp.Engine.Execution;

/// <summary>The thread a session's cells run on, kept from one cell to the next.</summary>
/// <remarks>
/// <para>Cells need a thread of their own: the session must stay free to stop a cell (timeout, interrupt) and to give up
/// on one that does not stop, and a student's recursive cell needs a bigger stack than a thread-pool thread has. Starting
/// such a thread for every cell cost 0.2–0.4 ms of a trivial cell on the 2-core VM (a 64 MB stack to map, a thread to
/// create and tear down); handing the cell to a thread that waits for it costs one wake-up, tens of microseconds.</para>
/// <para>A thread that was interrupted is retired: it takes no more cells, so an interrupt that arrives just after its
/// cell finished can never hit a later cell. One the session gave up on (abandoned, still running) is retired too, and
/// the session starts a new thread for its next cell. Each cell runs in the execution context of the code that posted it,
/// as it did on a thread of its own, so what a cell sets in an <see cref="AsyncLocal{T}"/> (console routing, culture)
/// does not leak into the next one.</para>
/// </remarks>
internal sealed class CellThread
{
    private const int StackSize = 64 * 1024 * 1024;

    private readonly Thread _thread;
    private readonly SemaphoreSlim _posted = new(0);
    private (Action Work, ExecutionContext? Context)? _next;
    private volatile bool _retired;

    /// <summary>Starts the thread; it waits for the first cell.</summary>
    /// <param name="name">The thread's name (shown by debuggers and in dumps).</param>
    public CellThread(string name)
    {
        _thread = new Thread(Loop, StackSize) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>False where no thread can be started (.NET on WebAssembly without threads): there the session runs each cell
    /// on the caller's thread instead.</summary>
    public static bool IsSupported { get; } = !OperatingSystem.IsBrowser() && !OperatingSystem.IsWasi();

    /// <summary>True once the thread takes no more cells (interrupted, given up or disposed with its session).</summary>
    public bool IsRetired => _retired;

    /// <summary>Runs <paramref name="work"/> on this thread, in the caller's execution context; returns at once.</summary>
    /// <param name="work">The cell; it must not throw (the session catches everything and completes a task).</param>
    /// <exception cref="InvalidOperationException">The thread is retired.</exception>
    public void Post(Action work)
    {
        if (_retired) throw new InvalidOperationException("this cell thread is retired; start a new one");
        _next = (work, ExecutionContext.Capture());
        _posted.Release();
    }

    /// <summary>Interrupts the running cell's blocking call (<see cref="Thread.Interrupt"/>) and retires the thread.</summary>
    public void Interrupt()
    {
        _retired = true;
        _thread.Interrupt();
    }

    /// <summary>Retires the thread without interrupting it: it ends when its cell returns, or at once when it has none.</summary>
    public void Retire()
    {
        _retired = true;
        _posted.Release();
    }

    private void Loop()
    {
        try
        {
            while (true)
            {
                _posted.Wait();
                if (!RunNext() || _retired) return;
            }
        }
        catch (ThreadInterruptedException)
        {
            // The interrupt came after the cell had returned, while waiting for the next one; the thread is retired.
        }
    }

    /// <summary>Runs the posted cell; false when there is none (retired while waiting).</summary>
    /// <remarks>A method of its own so that no local of the waiting loop keeps the last cell's closure (and through it
    /// the session's state) alive between cells; not inlined for the same reason.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool RunNext()
    {
        if (_next is not { } next) return false;
        _next = null;
        if (next.Context is null) next.Work();
        else ExecutionContext.Run(next.Context, static work => ((Action)work!)(), next.Work);
        return true;
    }
}
