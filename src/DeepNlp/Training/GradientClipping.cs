using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Gradient clipping, the standard remedy for exploding gradients (Pascanu et al. 2013).</summary>
/// <remarks>Taught in notebooks/06_vanishing_exploding_gradients.ipynb.</remarks>
public static class GradientClipping
{
    /// <summary>The global norm √(Σ_p ‖∂p‖²) over all parameters.</summary>
    public static double GlobalNorm<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        Math.Sqrt(parameters.Sum(p => Ops.SumOfSquares<T>(p.Grad)));

    /// <summary>If the global norm exceeds <paramref name="maxNorm"/>, scales every gradient by maxNorm / norm (torch.nn.utils.clip_grad_norm_).</summary>
    /// <returns>The norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException">maxNorm is not positive.</exception>
    public static double ClipByGlobalNorm<T>(IReadOnlyList<Parameter<T>> parameters, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"maxNorm must be positive, got {maxNorm}.");
        double norm = GlobalNorm(parameters);
        if (norm > maxNorm)
        {
            T scale = T.CreateTruncating(maxNorm / (norm + 1e-6));
            foreach (var p in parameters) Ops.Scale<T>(p.Grad, scale, p.Grad);
        }
        return norm;
    }

    /// <summary>Clamps every gradient element into [-limit, limit] (torch.nn.utils.clip_grad_value_; min-char-rnn clips at 5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">limit is not positive.</exception>
    public static void ClipByValue<T>(IEnumerable<Parameter<T>> parameters, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(limit > 0)) throw new ArgumentOutOfRangeException(nameof(limit), $"limit must be positive, got {limit}.");
        foreach (var p in parameters) Ops.ClampInPlace<T>(p.Grad, T.CreateTruncating(limit));
    }
}
