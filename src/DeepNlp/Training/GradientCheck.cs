using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Compares analytic gradients with central finite differences, in float64.</summary>
/// <remarks>
/// For each element θ_j: n_j = (L(θ + ε e_j) - L(θ - ε e_j)) / 2ε. Per parameter the reported error is the relative
/// error of the whole gradient vector, ‖a - n‖ / max(‖a‖ + ‖n‖, 1e-12), which is robust where single elements are
/// near zero. Central differences err by O(ε²), so with ε = 1e-5 in double a correct backward gives about 1e-9.
/// Taught in notebooks/05_backpropagation_through_time.ipynb ("trust, then verify").
/// </remarks>
public static class GradientCheck
{
    /// <summary>Runs the check.</summary>
    /// <param name="parameters">Everything to differentiate with respect to (inputs can be wrapped as parameters).</param>
    /// <param name="loss">Computes the loss from the current values; must be deterministic.</param>
    /// <param name="backward">Computes the loss once more and accumulates analytic gradients into each <see cref="Parameter{T}.Grad"/>
    /// (the check zeroes them first).</param>
    /// <param name="epsilon">Step ε.</param>
    /// <param name="maxElementsPerParameter">Checks at most this many elements per parameter (evenly spaced), to bound the cost.</param>
    public static GradientCheckResult Run(IReadOnlyList<Parameter<double>> parameters, Func<double> loss, Action backward,
        double epsilon = 1e-5, int maxElementsPerParameter = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters) p.ZeroGrad();
        backward();
        var rows = new List<ParameterGradientError>();
        foreach (var p in parameters)
        {
            int stride = Math.Max(1, (p.Length + maxElementsPerParameter - 1) / maxElementsPerParameter);
            double diff2 = 0, a2 = 0, n2 = 0;
            for (int j = 0; j < p.Length; j += stride)
            {
                double saved = p.Value[j];
                p.Value[j] = saved + epsilon;
                double up = loss();
                p.Value[j] = saved - epsilon;
                double down = loss();
                p.Value[j] = saved;
                double numeric = (up - down) / (2 * epsilon);
                double analytic = p.Grad[j];
                diff2 += (analytic - numeric) * (analytic - numeric);
                a2 += analytic * analytic;
                n2 += numeric * numeric;
            }
            double rel = Math.Sqrt(diff2) / Math.Max(Math.Sqrt(a2) + Math.Sqrt(n2), 1e-12);
            rows.Add(new ParameterGradientError(p.Name, rel, Math.Sqrt(a2)));
        }
        return new GradientCheckResult(rows);
    }
}
