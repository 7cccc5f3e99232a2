namespace DeepNlp.Gpu;

/// <summary>What one training step of <see cref="GpuCharLstm"/> reports.</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="Loss">Mean cross-entropy per character, in nats, before the update.</param>
/// <param name="GradientNorm">Global gradient norm before clipping.</param>
public sealed record GpuTrainStep(int Step, double Loss, float GradientNorm)
{
    /// <summary>Perplexity e^loss.</summary>
    public double Perplexity => Math.Exp(Loss);
}
