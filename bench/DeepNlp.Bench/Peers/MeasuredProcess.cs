using System.Diagnostics;
using System.Globalization;

namespace DeepNlp.Bench.Peers;

/// <summary>Runs a program and measures it from outside, the same way for the kit and for a peer: wall time, CPU time and
/// peak resident memory (the child's own maximum RSS, from <c>/usr/bin/time -v</c>, i.e. the kernel's getrusage of the child).</summary>
public static class MeasuredProcess
{
    /// <summary>What one run took.</summary>
    /// <param name="WallSeconds">Wall time of the whole process, start-up included.</param>
    /// <param name="CpuSeconds">User + system time of the process (all threads).</param>
    /// <param name="PeakMb">Maximum resident set size in MB (10^6 bytes); NaN when /usr/bin/time is absent.</param>
    /// <param name="Stdout">Standard output.</param>
    /// <param name="Stderr">Standard error without /usr/bin/time's report.</param>
    /// <param name="ExitCode">The program's exit code.</param>
    public sealed record Result(double WallSeconds, double CpuSeconds, double PeakMb, string Stdout, string Stderr, int ExitCode);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> (stdin from <paramref name="stdinFile"/> when given) in the fair environment.</summary>
    public static Result Run(string program, IEnumerable<string> args, string? stdinFile = null)
    {
        bool timed = File.Exists("/usr/bin/time");
        var psi = FairEnvironment.Apply(new ProcessStartInfo(timed ? "/usr/bin/time" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdinFile is not null, UseShellExecute = false,
        });
        if (timed) { psi.ArgumentList.Add("-v"); psi.ArgumentList.Add(program); }
        foreach (var a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdinFile is not null)
        {
            using (var input = File.OpenRead(stdinFile)) input.CopyTo(p.StandardInput.BaseStream);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        string err = stderr.Result;
        double peak = double.NaN, cpu = double.NaN;
        if (timed)
        {
            int at = err.LastIndexOf("\tCommand being timed:", StringComparison.Ordinal);
            string report = at >= 0 ? err[at..] : "";
            err = at >= 0 ? err[..at] : err;
            double Field(string name) => report.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                ? double.Parse(line[(line.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture) : double.NaN;
            peak = Field("Maximum resident set size (kbytes)") * 1024 / 1e6;
            cpu = Field("User time (seconds)") + Field("System time (seconds)");
        }
        return new Result(wall, cpu, peak, stdout.Result, err, p.ExitCode);
    }
}
