namespace DeepNlp.WordVectors;

/// <summary>A progress report from <see cref="Word2Vec.Train"/>.</summary>
/// <param name="WordsProcessed">Corpus words read so far, over all epochs and threads (sub-sampled words included, as the C tool counts).</param>
/// <param name="TotalWords">Epochs × corpus words.</param>
/// <param name="Alpha">Current learning rate.</param>
/// <param name="WordsPerSecondPerThread">Throughput so far, per worker thread.</param>
/// <param name="Elapsed">Wall time since training started.</param>
public sealed record Word2VecProgress(long WordsProcessed, long TotalWords, double Alpha, double WordsPerSecondPerThread, TimeSpan Elapsed)
{
    /// <summary>Fraction done, 0..1.</summary>
    public double Fraction => TotalWords == 0 ? 1 : Math.Min(1, (double)WordsProcessed / TotalWords);

    /// <inheritdoc />
    public override string ToString() => $"{Fraction:P1}  alpha {Alpha:F5}  {WordsPerSecondPerThread / 1000:F1}k words/s/thread  {Elapsed.TotalSeconds:F1}s";
}
