using DeepNlp.Sampling;

namespace DeepNlp.Tests.Sampling;

public class BeamSearchTests
{
    private const int Start = 0, End = 1, A = 2, B = 3;

    /// <summary>A decoder given as a table: next-token probabilities per prefix (a prefix missing from the table ends for sure).</summary>
    private sealed class TableModel(Dictionary<string, double[]> table) : IAutoregressiveModel
    {
        public int VocabularySize => 4;

        public object InitialState() => "";

        public double[] Step(object state, int token, out object next)
        {
            var prefix = token == Start ? "" : (string)state + token;
            next = prefix;
            var p = table.TryGetValue(prefix, out var row) ? row : [0, 1, 0, 0];
            return [.. p.Select(x => Math.Log(Math.Max(x, 1e-300)))];
        }
    }

    // p(a) = 0.55 but every continuation of a is unsure; p(b) = 0.45 and b is then almost surely complete.
    private static readonly TableModel GreedyTrap = new(new()
    {
        [""] = [0, 0, 0.55, 0.45],
        ["2"] = [0, 0.2, 0.4, 0.4],
        ["3"] = [0, 0.9, 0.05, 0.05],
    });

    [Fact]
    public void Best_FindsTheMostProbableOutput_WhereGreedyDoesNot()
    {
        var greedy = Samplers.Greedy(GreedyTrap, [Start], 3, stopToken: End);

        var best = BeamSearch.Best(GreedyTrap, Start, End, width: 2, maxLength: 3, LengthPenalty.None);

        Assert.Equal([A, A, End], greedy);                             // p = 0.55 · 0.4 · 1 = 0.22
        Assert.Equal([B], best.Tokens);                                // p = 0.45 · 0.9 = 0.405, the best of all outputs
        Assert.Equal(Math.Log(0.405), best.LogProbability, 12);
    }

    [Fact]
    public void Search_WidthOne_EqualsGreedy()
    {
        var best = BeamSearch.Best(GreedyTrap, Start, End, width: 1, maxLength: 3, LengthPenalty.None);

        Assert.Equal([A, A], best.Tokens);
        Assert.Equal(Math.Log(0.22), best.LogProbability, 12);
    }

    [Fact]
    public void LengthPenalty_RanksALongerMoreConfidentOutputAboveAShortOne()
    {
        var model = new TableModel(new()
        {
            [""] = [0, 0.5, 0.5, 0],                                   // stop now (0.5) or start "a b"
            ["2"] = [0, 0, 0.1, 0.9],
            ["23"] = [0, 0.9, 0.05, 0.05],                             // "a b" end: 0.5 · 0.9 · 0.9 = 0.405
        });

        var raw = BeamSearch.Best(model, Start, End, width: 2, maxLength: 4, LengthPenalty.None);
        var average = BeamSearch.Best(model, Start, End, width: 2, maxLength: 4, LengthPenalty.Average, alpha: 1);

        Assert.Empty(raw.Tokens);                                      // log 0.5 > log 0.405
        Assert.Equal([A, B], average.Tokens);                          // log 0.405 / 3 > log 0.5 / 1
        Assert.Equal(Math.Log(0.405) / 3, average.Score, 12);
    }

    [Theory]
    [InlineData(LengthPenalty.None, 0.6, -2.0)]
    [InlineData(LengthPenalty.Average, 1.0, -0.5)]
    [InlineData(LengthPenalty.Wu, 1.0, -2.0 / 1.5)]
    public void Score_FollowsTheDocumentedFormula(LengthPenalty penalty, double alpha, double expected)
    {
        double score = BeamSearch.Score(-2.0, 4, penalty, alpha);

        Assert.Equal(expected, score, 14);
    }

    [Fact]
    public void SamplersBeamSearch_SharesTheImplementation_AndDiffersOnlyInItsDocumentedRules()
    {
        // Samplers.BeamSearch is the textbook variant of the same search: the stop token stays in the output and a finished
        // hypothesis uses up a beam slot. On GreedyTrap with width 2 both find "b" (p = 0.405), per-token normalised.
        var textbook = Samplers.BeamSearch(GreedyTrap, [Start], 3, width: 2, stopToken: End, lengthPenalty: 1);
        var fairseq = BeamSearch.Best(GreedyTrap, Start, End, width: 2, maxLength: 3, LengthPenalty.Average, alpha: 1);

        Assert.Equal([B, End], textbook.Tokens);
        Assert.Equal([B], fairseq.Tokens);
        Assert.Equal(fairseq.LogProbability, textbook.LogProbability, 15);
        Assert.Equal(fairseq.Score, textbook.Score, 15);
    }
}
