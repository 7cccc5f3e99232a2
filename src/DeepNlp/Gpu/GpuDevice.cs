using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace DeepNlp.Gpu;

/// <summary>The kit's accelerator service: one ILGPU context and accelerator, with the library's kernels compiled.</summary>
/// <remarks>
/// <para>Open one with <see cref="Open(AcceleratorChoice)"/> (or use the shared <see cref="Default"/>). It prefers CUDA,
/// then OpenCL, then ILGPU's CPU accelerator; the environment variable <c>DEEPNLP_ACCELERATOR</c>
/// (<c>cuda</c>|<c>opencl</c>|<c>cpu</c>) or an explicit choice forces one. If creating the accelerator or compiling
/// a kernel fails, the device falls back to the CPU accelerator and says why in <see cref="FallbackReason"/>
/// (also written to standard error). Every device is disposed on process exit if its owner forgot.</para>
/// <para>The CPU accelerator is built with 16 threads per group (4 per warp, 4 warps): each thread of a group is an
/// OS thread there, so the tiled GEMM uses 4×4 tiles on it and 16×16 on a GPU. Taught in <c>notebooks/09_gpu_with_ilgpu.ipynb</c>.</para>
/// </remarks>
public sealed class GpuDevice : IDisposable
{
    /// <summary>Name of the environment variable that forces an accelerator: cuda, opencl or cpu.</summary>
    public const string EnvironmentVariable = "DEEPNLP_ACCELERATOR";

    private static readonly object SharedLock = new();
    private static GpuDevice? _shared;
    private readonly Context _context;
    private readonly EventHandler _onExit;
    private GpuOps? _ops;
    private bool _disposed;

    private GpuDevice(Context context, Accelerator accelerator, string? fallbackReason)
    {
        _context = context;
        Accelerator = accelerator;
        FallbackReason = fallbackReason;
        _onExit = (_, _) => Dispose();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>The ILGPU accelerator, for loading your own kernels (<c>LoadAutoGroupedStreamKernel</c>).</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Which kind of accelerator this is.</summary>
    public AcceleratorChoice Kind => Accelerator.AcceleratorType switch
    {
        AcceleratorType.Cuda => AcceleratorChoice.Cuda,
        AcceleratorType.OpenCL => AcceleratorChoice.OpenCL,
        _ => AcceleratorChoice.Cpu,
    };

    /// <summary>True when the kernels run on ILGPU's CPU accelerator (no GPU in use).</summary>
    public bool IsCpu => Kind == AcceleratorChoice.Cpu;

    /// <summary>Device name as the driver reports it, e.g. "NVIDIA H100 80GB HBM3" or "CPUAccelerator".</summary>
    public string Name => Accelerator.Name;

    /// <summary>Device memory in bytes (for the CPU accelerator ILGPU reports a nominal, unbounded size).</summary>
    public long MemoryBytes => Accelerator.MemorySize;

    /// <summary>Most threads one group may have.</summary>
    public int MaxGroupSize => Accelerator.MaxNumThreadsPerGroup;

    /// <summary>Why the requested or preferred accelerator was not used, or null when nothing went wrong.</summary>
    public string? FallbackReason { get; }

    /// <summary>The library's kernels, compiled for this device, behind methods named like the CPU <c>Ops</c>.</summary>
    public GpuOps Ops => _ops ?? throw new ObjectDisposedException(nameof(GpuDevice));

    /// <summary>A device shared by the whole process, opened on first use with <see cref="AcceleratorChoice.Auto"/>.</summary>
    public static GpuDevice Default
    {
        get
        {
            lock (SharedLock)
            {
                if (_shared is null || _shared._disposed) _shared = Open();
                return _shared;
            }
        }
    }

    /// <summary>Opens an accelerator and compiles the library's kernels on it.</summary>
    /// <param name="choice">The accelerator to use; <see cref="AcceleratorChoice.Auto"/> reads <c>DEEPNLP_ACCELERATOR</c>.</param>
    /// <returns>A device the caller disposes.</returns>
    /// <exception cref="ArgumentException"><c>DEEPNLP_ACCELERATOR</c> holds an unknown name.</exception>
    public static GpuDevice Open(AcceleratorChoice choice = AcceleratorChoice.Auto)
    {
        if (choice == AcceleratorChoice.Auto) choice = FromEnvironment();
        string? reason = null;
        GpuDevice? device = null;
        if (choice != AcceleratorChoice.Cpu)
        {
            try
            {
                device = TryCreateGpu(choice, out reason);
                // Compiling every library kernel now finds a back end that cannot compile one before any work starts.
                if (device is not null) device._ops = new GpuOps(device);
            }
            catch (Exception e)
            {
                reason = $"{(device is null ? "creating the accelerator" : $"compiling kernels on {device.Name}")} failed: {e.GetType().Name}: {e.Message}";
                device?.Dispose();
                device = null;
            }
        }
        if (device is null)
        {
            if (reason is not null) Console.Error.WriteLine($"DeepNlp.Gpu: {reason} Falling back to the CPU accelerator.");
            device = CreateCpu(reason);
            device._ops = new GpuOps(device);
        }
        return device;
    }

    /// <summary>Parses <c>DEEPNLP_ACCELERATOR</c>; unset or empty means Auto.</summary>
    internal static AcceleratorChoice FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "auto" => AcceleratorChoice.Auto,
            "cuda" => AcceleratorChoice.Cuda,
            "opencl" or "cl" => AcceleratorChoice.OpenCL,
            "cpu" => AcceleratorChoice.Cpu,
            _ => throw new ArgumentException($"{EnvironmentVariable}='{value}' is not one of cuda, opencl, cpu, auto."),
        };
    }

    private static GpuDevice? TryCreateGpu(AcceleratorChoice choice, out string? reason)
    {
        reason = null;
        var context = Context.Create(b => b.Cuda().OpenCL().EnableAlgorithms());
        try
        {
            Device? pick = choice switch
            {
                AcceleratorChoice.Cuda => First(context, AcceleratorType.Cuda),
                AcceleratorChoice.OpenCL => First(context, AcceleratorType.OpenCL),
                _ => First(context, AcceleratorType.Cuda) ?? First(context, AcceleratorType.OpenCL),
            };
            if (pick is null)
            {
                // Silently using the CPU is only right when nothing was asked for.
                if (choice != AcceleratorChoice.Auto) reason = $"no {choice} device was found.";
                context.Dispose();
                return null;
            }
            return new GpuDevice(context, pick.CreateAccelerator(context), null);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    private static Device? First(Context context, AcceleratorType type) =>
        context.Devices.FirstOrDefault(d => d.AcceleratorType == type);

    private static GpuDevice CreateCpu(string? reason)
    {
        // 4 threads per warp x 4 warps = 16 threads per group (4x4 tiles, 16-thread reductions). Every group thread is
        // an OS thread that wakes for each launch and synchronises at barriers, so more threads cost more than they give.
        var cpu = new CPUDevice(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: 4, numMultiprocessors: 1);
        var context = Context.Create(b => b.CPU(cpu).EnableAlgorithms());
        return new GpuDevice(context, context.GetCPUDevice(0).CreateCPUAccelerator(context, CPUAcceleratorMode.Parallel), reason);
    }

    /// <summary>Allocates a zeroed buffer of <paramref name="length"/> elements.</summary>
    /// <param name="length">Number of elements.</param>
    /// <returns>A buffer the caller disposes.</returns>
    public GpuBuffer<T> Allocate<T>(int length) where T : unmanaged => new(Accelerator, length);

    /// <summary>Allocates a buffer holding a copy of <paramref name="data"/>.</summary>
    /// <param name="data">Host data.</param>
    /// <returns>A buffer the caller disposes.</returns>
    public GpuBuffer<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged
    {
        var buffer = new GpuBuffer<T>(Accelerator, data.Length);
        buffer.Upload(data);
        return buffer;
    }

    /// <summary>Waits until every queued kernel has finished (kernel launches are asynchronous).</summary>
    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>Releases the accelerator and the context.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        _ops = null;
        Accelerator.Dispose();
        _context.Dispose();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var memory = IsCpu ? "host memory" : $"{MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB";
        var note = FallbackReason is null ? "" : $" (fallback: {FallbackReason})";
        return $"{Kind} accelerator '{Name}', {memory}, up to {MaxGroupSize} threads per group{note}";
    }
}
