namespace DeepNlp.WordVectors;

/// <summary>
/// The points where gensim 4 trains skip-gram differently from the word2vec C tool, one switch each, so that an
/// experiment can change one of them and keep the rest as the C tool has it (the benchmark's <c>wordvec --variants</c>;
/// issue 21, see <c>bench/README.md</c>). The default, <see cref="CTool"/>, is what <see cref="Word2Vec"/> always did.
/// </summary>
/// <remarks>Internal: an experiment knob, not a lecture option. What it showed is recorded in <c>bench/README.md</c>.</remarks>
internal sealed record Word2VecVariant
{
    /// <summary>The C tool's choices everywhere.</summary>
    public static Word2VecVariant CTool { get; } = new();

    /// <summary>Input vectors start uniform in [-InitRange/d, InitRange/d]: 0.5 is the C tool's <c>(rand - 0.5)/d</c>,
    /// 1 is gensim 4's (<c>keyedvectors.prep_vectors</c>: uniform [0, 1) × 2 − 1, divided by d).</summary>
    public double InitRange { get; init; } = 0.5;

    /// <summary>How the learning rate falls.</summary>
    public Word2VecSchedule Schedule { get; init; } = Word2VecSchedule.CTool;

    /// <summary>gensim's floor for <see cref="Word2VecSchedule.GensimGlobal"/> and <see cref="Word2VecSchedule.GensimPerWorker"/>
    /// (its <c>min_alpha</c>, an absolute rate, 1e-4 by default; the C tool's floor is α₀·1e-4).</summary>
    public double MinAlpha { get; init; } = 1e-4;

    /// <summary>When true, a target whose score s has |s| ≥ 6 gets no update at all, as in gensim's
    /// <c>w2v_fast_sentence_sg_neg</c> (<c>if f_dot &lt;= -MAX_EXP or f_dot &gt;= MAX_EXP: continue</c>); the C tool steps
    /// with g = (label − 1 or 0)·α there, and the kit's exact logistic does the same up to e^-6.</summary>
    public bool SkipSaturated { get; init; }

    /// <summary>When true, sub-sampling compares with bits 16–47 of the generator, as gensim's <c>random_int32</c> does,
    /// rather than with its 16 low bits, as the C tool does (<c>next_random &amp; 0xFFFF</c>).</summary>
    public bool SubsampleHighBits { get; init; }

    /// <summary>The score beyond which a target is skipped: 6 with <see cref="SkipSaturated"/>, else never.</summary>
    public float Saturation => SkipSaturated ? 6f : float.PositiveInfinity;
}

/// <summary>Learning-rate schedules of <see cref="Word2VecVariant"/>.</summary>
internal enum Word2VecSchedule
{
    /// <summary>α₀·max(1 − done/(epochs·T + 1), 1e-4), with done counted over all threads: word2vec.c.</summary>
    CTool,

    /// <summary>max(min_alpha, α₀ − (α₀ − min_alpha)·done/(epochs·T)), global: gensim's <c>corpus_iterable</c> path
    /// (<c>Word2Vec._get_next_alpha</c>).</summary>
    GensimGlobal,

    /// <summary>gensim's <c>corpus_file</c> path with <c>total_examples</c> given (as the benchmark calls it): each
    /// worker starts epoch e at α₀ − (α₀ − min_alpha)·e/epochs and decays by its own sentences over all sentences, so
    /// with 2 workers an epoch goes only half way down (<c>word2vec_corpusfile.pyx</c> <c>get_alpha</c>,
    /// <c>get_next_alpha</c>).</summary>
    GensimPerWorker,
}
