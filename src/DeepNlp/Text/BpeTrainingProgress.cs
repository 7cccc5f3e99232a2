namespace DeepNlp.Text;

/// <summary>Where BPE training stands: <paramref name="Merges"/> of <paramref name="TargetMerges"/> done.</summary>
/// <param name="Merges">Merges learned so far.</param>
/// <param name="TargetMerges">Merges asked for.</param>
/// <param name="LastCount">Corpus count of the pair merged last.</param>
public sealed record BpeTrainingProgress(int Merges, int TargetMerges, long LastCount)
{
    /// <summary>Share done, 0..1.</summary>
    public double Fraction => TargetMerges == 0 ? 1 : (double)Merges / TargetMerges;
}
