namespace DeepNlp.Gpu;

/// <summary>The scalars of one Adam step, passed to the <see cref="GpuKernels.AdamUpdate"/> kernel as one value.</summary>
/// <param name="LearningRate">Step size α.</param>
/// <param name="Beta1">Decay of the first moment (0.9).</param>
/// <param name="Beta2">Decay of the second moment (0.999).</param>
/// <param name="Epsilon">Added to √v̂ (1e-8).</param>
/// <param name="BiasCorrection1">1 − β1^t.</param>
/// <param name="BiasCorrection2">1 − β2^t.</param>
/// <remarks>The bias corrections are computed once on the host by <see cref="At"/>, not per element on the device.</remarks>
public readonly record struct AdamStep(float LearningRate, float Beta1, float Beta2, float Epsilon, float BiasCorrection1, float BiasCorrection2)
{
    /// <summary>The scalars of step <paramref name="step"/> (1-based).</summary>
    /// <param name="learningRate">α.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="step">t ≥ 1.</param>
    /// <returns>The step's scalars.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is below 1.</exception>
    public static AdamStep At(float learningRate, float beta1, float beta2, float epsilon, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        return new(learningRate, beta1, beta2, epsilon, (float)(1 - Math.Pow(beta1, step)), (float)(1 - Math.Pow(beta2, step)));
    }
}
