namespace DeepNlp.WordVectors;

/// <summary>Hyper-parameters of <see cref="Word2Vec.Train"/>; defaults are the word2vec C tool's.</summary>
/// <param name="Architecture">Skip-gram or CBOW.</param>
/// <param name="Dimension">Vector size (<c>-size</c>, 100).</param>
/// <param name="Window">Maximum distance to a context word (<c>-window</c>, 5); each position draws its own window b = rand % Window and uses Window - b.</param>
/// <param name="Negative">Noise words per true pair (<c>-negative</c>, 5).</param>
/// <param name="Sample">Sub-sampling threshold t (<c>-sample</c>, 1e-3); 0 turns it off.</param>
/// <param name="Epochs">Passes over the corpus (<c>-iter</c>, 5).</param>
/// <param name="Alpha">Starting learning rate (<c>-alpha</c>); null gives 0.025 for skip-gram and 0.05 for CBOW.</param>
/// <param name="Threads">Worker threads (<c>-threads</c>). 1 is deterministic: the same seed gives the same vectors. More threads update shared vectors without locks (Hogwild), as the C tool does, and are not reproducible.</param>
/// <param name="Seed">Seeds the initial vectors and every thread's random stream.</param>
public sealed record Word2VecOptions(
    Word2VecArchitecture Architecture = Word2VecArchitecture.SkipGram,
    int Dimension = 100,
    int Window = 5,
    int Negative = 5,
    double Sample = 1e-3,
    int Epochs = 5,
    double? Alpha = null,
    int Threads = 1,
    int Seed = 1)
{
    /// <summary>Whether training runs the fast tier (default: padded aligned rows, fused SIMD updates, prefetching); false
    /// runs the reference update of <see cref="SkipGram.Step{T}"/> or <see cref="Cbow.Step{T}"/>, which the fast tier
    /// matches to float rounding.</summary>
    public bool UseFastPath { get; init; } = true;

    /// <summary>Where to depart from the C tool as gensim 4 does (experiments only; default: nowhere).</summary>
    internal Word2VecVariant Variant { get; init; } = Word2VecVariant.CTool;

    /// <summary>The starting learning rate actually used.</summary>
    public double StartingAlpha => Alpha ?? (Architecture == Word2VecArchitecture.Cbow ? 0.05 : 0.025);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1, nameof(Dimension));
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThan(Negative, 1, nameof(Negative));
        ArgumentOutOfRangeException.ThrowIfNegative(Sample, nameof(Sample));
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (StartingAlpha <= 0) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "The learning rate must be positive.");
    }
}
