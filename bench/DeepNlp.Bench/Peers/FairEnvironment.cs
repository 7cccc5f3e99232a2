using System.Diagnostics;

namespace DeepNlp.Bench.Peers;

/// <summary>The environment every BLAS-using peer child runs in: the machine's own OpenBLAS choice, not a forced one.</summary>
/// <remarks>
/// Some machines export <c>OPENBLAS_CORETYPE</c> (this one has set <c>Haswell</c>) or <c>OPENBLAS_L2_SIZE</c>, which makes
/// OpenBLAS run kernels for another CPU: PyTorch's LSTM-256 ran 1.5× slower that way (issue 21). They are removed from
/// the child's environment only; the bench process itself and the kit are untouched. Each peer prints the core OpenBLAS
/// chose (<c>bench/peers/blas_core.py</c>) so a forced core would show in the output.
/// </remarks>
public static class FairEnvironment
{
    /// <summary>The variables removed from every peer child's environment.</summary>
    public static readonly string[] Removed = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>Removes <see cref="Removed"/> from <paramref name="psi"/>'s environment and returns it.</summary>
    public static ProcessStartInfo Apply(ProcessStartInfo psi)
    {
        foreach (var name in Removed) psi.Environment.Remove(name);
        return psi;
    }

    /// <summary>One line for a suite's header: which of <see cref="Removed"/> this process has, and that peers run without them.</summary>
    public static string Describe()
    {
        var set = Removed.Where(n => Environment.GetEnvironmentVariable(n) is { Length: > 0 }).Select(n => $"{n}={Environment.GetEnvironmentVariable(n)}").ToList();
        return $"peers run with {string.Join(" and ", Removed)} removed from their environment" +
               (set.Count > 0 ? $" (this shell sets {string.Join(", ", set)})" : " (this shell sets neither)");
    }

    /// <summary>The interpreter for Python peers: DEEPNLP_PYTHON, else Debian's /usr/bin/python3 (where the peer packages live), else python3.</summary>
    public static string Python =>
        Environment.GetEnvironmentVariable("DEEPNLP_PYTHON") is { Length: > 0 } p ? p : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}
