using DeepNlp.Numerics;

namespace DeepNlp.Sampling;

/// <summary>Beam search for a conditioned decoder (an encoder–decoder's <c>Conditioned(source)</c>): keeps the
/// <c>width</c> most probable partial outputs at every step and ranks finished ones with a length penalty.</summary>
/// <remarks>
/// <para>Each step expands every live hypothesis by its <c>width</c> most probable next tokens and keeps the <c>width</c>
/// best candidates by total log-probability Σ log p(y_t | y_&lt;t, x). A candidate that emits the end symbol leaves the
/// beam as finished and the next best candidate takes its place (fairseq's rule), so the beam stays full. The search stops
/// when <c>width</c> hypotheses have finished or after <c>maxLength</c> steps; hypotheses still live then are scored as they
/// stand. Finished hypotheses are ranked by <see cref="Score"/>: |y| counts the generated tokens including the end symbol.
/// Ties break toward the lower token id, so the result is deterministic. Width 1 is greedy decoding.</para>
/// <para>Greedy decoding commits to the locally best token; beam search can recover when a slightly less likely first
/// token leads to a much more likely whole output. Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public static class BeamSearch
{
    /// <summary>Runs the search and returns the finished hypotheses, best first.</summary>
    /// <param name="model">The decoder, already conditioned on the source.</param>
    /// <param name="startToken">Fed first.</param>
    /// <param name="endToken">Finishes a hypothesis; not included in <see cref="BeamHypothesis.Tokens"/>.</param>
    /// <param name="width">Beam width k ≥ 1.</param>
    /// <param name="maxLength">Most tokens generated, end symbol included.</param>
    /// <param name="penalty">The length normalisation.</param>
    /// <param name="alpha">α of the penalty (Wu et al. tune it in [0.6, 0.7]; 1 with <see cref="LengthPenalty.Average"/> is per-token).</param>
    /// <exception cref="ArgumentOutOfRangeException">width or maxLength is below 1, or alpha is negative.</exception>
    public static IReadOnlyList<BeamHypothesis> Search(IAutoregressiveModel model, int startToken, int endToken, int width, int maxLength,
        LengthPenalty penalty = LengthPenalty.Wu, double alpha = 0.6)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        var logits = model.Step(model.InitialState(), startToken, out var state);
        return Run(model, state, logits, endToken, width, maxLength, penalty, alpha, refill: true, keepEndToken: false);
    }

    /// <summary>The one beam search of the kit, behind <see cref="Search"/> and <see cref="Samplers.BeamSearch"/>.</summary>
    /// <remarks>Starts from a primed state and its next-token logits. Each step expands every live hypothesis by its
    /// <paramref name="width"/> most probable tokens and walks the candidates by total log-probability (stable: ties keep
    /// beam order, then lower token id). With <paramref name="refill"/> (fairseq's rule, <see cref="Search"/>) a finished
    /// candidate leaves the beam and the next one takes its place, and the search stops once <paramref name="width"/>
    /// hypotheses have finished; without it (<see cref="Samplers.BeamSearch"/>, lecture 08's textbook version) only the
    /// best <paramref name="width"/> candidates are considered and finished ones use up beam slots, so the beam shrinks.
    /// At step <paramref name="maxLength"/> every remaining hypothesis is finished.</remarks>
    internal static List<BeamHypothesis> Run(IAutoregressiveModel model, object state, double[] logits, int endToken, int width,
        int maxLength, LengthPenalty penalty, double alpha, bool refill, bool keepEndToken)
    {
        var live = new List<Beam> { new([], 0, state, logits) };
        var finished = new List<BeamHypothesis>();
        for (int step = 0; step < maxLength && live.Count > 0 && (!refill || finished.Count < width); step++)
        {
            var candidates = new List<(Beam From, int Token, double LogP)>();
            foreach (var beam in live)
            {
                var logp = new double[beam.Logits.Length];
                Ops.LogSoftmax<double>(beam.Logits, logp);                                  // log p(y_t | y_<t, x)
                foreach (int v in TopK(logp, width)) candidates.Add((beam, v, beam.LogP + logp[v]));
            }
            var ranked = candidates.OrderByDescending(c => c.LogP);
            var next = new List<Beam>();
            foreach (var (from, token, logP) in refill ? ranked : ranked.Take(width))
            {
                if (refill && (next.Count == width || finished.Count == width)) break;
                if (token == endToken)
                {
                    IReadOnlyList<int> done = keepEndToken ? [.. from.Tokens, token] : from.Tokens;
                    finished.Add(Finish(done, logP, from.Tokens.Count + 1, penalty, alpha));
                    continue;
                }
                var tokens = new List<int>(from.Tokens) { token };
                if (step == maxLength - 1) { finished.Add(Finish(tokens, logP, tokens.Count, penalty, alpha)); continue; }
                var l = model.Step(from.State, token, out var s);
                next.Add(new Beam(tokens, logP, s, l));
            }
            live = next;
        }
        foreach (var beam in live) finished.Add(Finish(beam.Tokens, beam.LogP, beam.Tokens.Count, penalty, alpha));
        return [.. finished.OrderByDescending(h => h.Score)];
    }

    /// <summary>The best hypothesis of <see cref="Search"/>.</summary>
    /// <param name="model">The decoder, already conditioned on the source.</param>
    /// <param name="startToken">Fed first.</param>
    /// <param name="endToken">Finishes a hypothesis.</param>
    /// <param name="width">Beam width k ≥ 1.</param>
    /// <param name="maxLength">Most tokens generated.</param>
    /// <param name="penalty">The length normalisation.</param>
    /// <param name="alpha">α of the penalty.</param>
    /// <exception cref="ArgumentOutOfRangeException">width or maxLength is below 1, or alpha is negative.</exception>
    public static BeamHypothesis Best(IAutoregressiveModel model, int startToken, int endToken, int width, int maxLength,
        LengthPenalty penalty = LengthPenalty.Wu, double alpha = 0.6) =>
        Search(model, startToken, endToken, width, maxLength, penalty, alpha)[0];

    /// <summary>The ranking score of a hypothesis.</summary>
    /// <param name="logProbability">log p(y | x).</param>
    /// <param name="length">|y|, generated tokens including the end symbol.</param>
    /// <param name="penalty">The normalisation.</param>
    /// <param name="alpha">α.</param>
    /// <remarks>None: log p. Average: log p / |y|^α. Wu: log p / ((5 + |y|) / 6)^α.</remarks>
    public static double Score(double logProbability, int length, LengthPenalty penalty, double alpha) => penalty switch
    {
        LengthPenalty.None => logProbability,
        LengthPenalty.Average => logProbability / Math.Pow(Math.Max(1, length), alpha),
        LengthPenalty.Wu => logProbability / Math.Pow((5.0 + length) / 6.0, alpha),
        _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "Unknown length penalty."),
    };

    private static BeamHypothesis Finish(IReadOnlyList<int> tokens, double logP, int length, LengthPenalty penalty, double alpha) =>
        new(tokens, logP, Score(logP, length, penalty, alpha));

    // The k largest entries, ties toward the lower index.
    private static IEnumerable<int> TopK(double[] values, int k) =>
        Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k);

    private sealed record Beam(IReadOnlyList<int> Tokens, double LogP, object State, double[] Logits);
}
