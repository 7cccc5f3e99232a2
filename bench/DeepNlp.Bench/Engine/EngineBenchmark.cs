using System.Diagnostics;
using DeepNlp.Engine.Execution;

namespace DeepNlp.Bench.Engine;

/// <summary>Notebook engine latency: time to the first result and the overhead of a trivial cell.</summary>
/// <remarks>
/// The peer is the .NET Interactive C# kernel, which cannot run here (deprecated, not on the NuGet mirror): its figures
/// are the ones issue 3 quotes for the same kind of machine (about 1.5 s to the first result, 20-200 ms per later cell).
/// The goal is half of those. "First result" is measured twice: in this process from session creation (Roslyn's first
/// compilation, without the start-up profile `course` plays back), and as the whole of `course run` on a one-cell
/// notebook in a child process (process start to exit, notebook read and written), once with an empty profile cache
/// (the first run after a build) and then as later runs play the recorded profile back.
/// </remarks>
public sealed class EngineBenchmark : IBenchmarkSuite
{
    /// <inheritdoc/>
    public string Name => "engine";

    /// <inheritdoc/>
    public string Description => "notebook engine: time to first result, per-cell overhead of a trivial cell (vs .NET Interactive's reported figures)";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var cells = quick ? 20 : 200;

        // In-process, cold: the first session of this process pays for loading and JIT-compiling Roslyn.
        // CPU time is reported beside wall time because a shared machine stretches wall time, not CPU time.
        var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var session = new NotebookSession();
        var first = session.ExecuteAsync("1 + 1").GetAwaiter().GetResult();
        var firstResult = clock.Elapsed;
        self.Refresh();
        var firstCpu = self.TotalProcessorTime - cpu0;
        if (!first.Succeeded) throw new InvalidOperationException($"first cell failed: {first.Error}");

        // Warm session: a trivial cell compiles a one-line submission and runs it on a fresh thread.
        var times = new List<double>();
        self.Refresh();
        var cellsCpu0 = self.TotalProcessorTime;
        for (var i = 0; i < cells; i++)
        {
            clock.Restart();
            var outcome = session.ExecuteAsync($"var v{i} = {i};\nv{i} + 1").GetAwaiter().GetResult();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (!outcome.Succeeded) throw new InvalidOperationException($"cell {i} failed: {outcome.Error}");
        }
        self.Refresh();
        var cellCpu = (self.TotalProcessorTime - cellsCpu0).TotalMilliseconds / cells;
        times.Sort();
        var median = times[times.Count / 2];
        var p90 = times[(int)(times.Count * 0.9)];

        // The same cells typed by a person: a pause before each. Back-to-back cells keep the runtime from ever promoting
        // the compiler's hot methods to optimised code (each cell's new methods restart tiered compilation's 100 ms
        // call-counting delay), which a pause between cells allows.
        var pausedTimes = new List<double>();
        for (var i = 0; i < (quick ? 5 : 30); i++)
        {
            Thread.Sleep(300);
            clock.Restart();
            var outcome = session.ExecuteAsync($"var p{i} = {i};\np{i} + 1").GetAwaiter().GetResult();
            pausedTimes.Add(clock.Elapsed.TotalMilliseconds);
            if (!outcome.Succeeded) throw new InvalidOperationException($"paused cell {i} failed: {outcome.Error}");
        }
        pausedTimes.Sort();
        var pausedMedian = pausedTimes[pausedTimes.Count / 2];

        // With WarmUpAsync (what the kernel does at start), the first cell itself.
        using var warmed = new NotebookSession();
        warmed.WarmUpAsync().GetAwaiter().GetResult();
        self.Refresh();
        var warmedCpu0 = self.TotalProcessorTime;
        clock.Restart();
        warmed.ExecuteAsync("2 + 2").GetAwaiter().GetResult();
        var afterWarmUp = clock.Elapsed;
        self.Refresh();
        var afterWarmUpCpu = self.TotalProcessorTime - warmedCpu0;

        // A second session in the same process: what a kernel restart-free "new notebook" costs once Roslyn is warm.
        self.Refresh();
        var secondCpu0 = self.TotalProcessorTime;
        clock.Restart();
        using (var second = new NotebookSession())
            second.ExecuteAsync("1 + 1").GetAwaiter().GetResult();
        var secondSession = clock.Elapsed;
        self.Refresh();
        var secondCpu = self.TotalProcessorTime - secondCpu0;

        var (firstRun, laterRuns) = CourseRunOneCell(quick ? 3 : 6);

        Console.WriteLine($"Notebook engine latency ({cells} trivial cells; provisional: measured on a shared machine)");
        Console.WriteLine();
        Console.WriteLine($"{"metric",-40} {"kit",10} {".NET Interactive",17} {"ratio",7} {"goal",7}");
        Row("first result, cold process (ms)", firstResult.TotalMilliseconds, 1500, 0.5);
        Row("  same, process CPU time (ms)", firstCpu.TotalMilliseconds, 1500, 0.5);
        Row("trivial cell, median (ms)", median, 20, 0.5);
        Row("trivial cell, 90th percentile (ms)", p90, 200, 0.5);
        Row("trivial cell, mean process CPU (ms)", cellCpu, 20, 0.5);
        Row("trivial cell 0.3 s after the last, median", pausedMedian, 20, 0.5);
        Row("course run, 1 cell, whole process (ms)", laterRuns, 1500, 0.5);
        Row("  same, first run after a build (ms)", firstRun, 1500, 0.5);
        Row("first result, second session (ms)", secondSession.TotalMilliseconds, double.NaN, double.NaN);
        Row("  same, process CPU time (ms)", secondCpu.TotalMilliseconds, double.NaN, double.NaN);
        Row("first cell after WarmUpAsync (ms)", afterWarmUp.TotalMilliseconds, double.NaN, double.NaN);
        Row("  same, process CPU time (ms)", afterWarmUpCpu.TotalMilliseconds, double.NaN, double.NaN);
        Console.WriteLine();
        Console.WriteLine(".NET Interactive figures are those quoted in issue 3 (its kernel cannot run on this machine); ratio = kit / peer.");
        return 0;
    }

    /// <summary>Wall time of `course run` on a one-cell notebook in a child process with its own profile cache: the first
    /// run (which records the start-up profile) and the median of the later ones (which play it back).</summary>
    private static (double First, double LaterMedian) CourseRunOneCell(int runs)
    {
        var course = Kernel.KernelStartupBenchmark.FindCourseDll();
        if (course is null) return (double.NaN, double.NaN);
        var folder = Directory.CreateTempSubdirectory("deepnlp-bench-run-").FullName;
        try
        {
            var notebook = Path.Combine(folder, "one.ipynb");
            File.WriteAllText(notebook, """
                {"cells": [{"cell_type": "code", "id": "c1", "execution_count": null, "metadata": {}, "outputs": [], "source": "6 * 7"}],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { course, "run", notebook, "--out", Path.Combine(folder, "out") }) start.ArgumentList.Add(a);
                start.Environment["XDG_CACHE_HOME"] = Path.Combine(folder, "cache");
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (process.ExitCode != 0) throw new InvalidOperationException($"course run failed: {output.Result}{errors}");
            }
            var later = times.Skip(1).Order().ToList();
            return (times[0], later[later.Count / 2]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Row(string metric, double kit, double peer, double goal)
    {
        var ratio = double.IsNaN(peer) ? "" : $"{kit / peer:F2}";
        var peerText = double.IsNaN(peer) ? "" : $"{peer:F0}";
        var goalText = double.IsNaN(goal) ? "" : $"<= {goal:F1}";
        Console.WriteLine($"{metric,-40} {kit,10:F1} {peerText,17} {ratio,7} {goalText,7}");
    }
}
