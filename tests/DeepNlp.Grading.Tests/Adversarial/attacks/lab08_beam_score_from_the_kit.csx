// BeamDecode ranking its hypotheses with the kit's BeamSearch.Score, which q4 forbids: only q4 is lost.
// base: solution
// expect: 11
// feedback: DeepNlp.Sampling.BeamSearch
// labs: lab08_seq2seq_attention
(int[] Tokens, double Score) BeamDecode(Func<IReadOnlyList<int>, double[]> nextLogProbs, int eos, int beamWidth, int maxLength, double alpha)
{
    var live = new List<(List<int> Tokens, double Score)> { (new List<int>(), 0.0) };
    var finished = new List<(List<int> Tokens, double Score)>();
    for (int step = 0; step < maxLength && live.Count > 0; step++)
    {
        var kept = live.SelectMany((h, i) => nextLogProbs(h.Tokens).Select((lp, w) => (Hyp: i, Token: w, Score: h.Score + lp)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Hyp).ThenBy(c => c.Token).Take(beamWidth).ToList();
        var previous = live;
        live = new List<(List<int>, double)>();
        foreach (var (h, w, score) in kept)
        {
            var tokens = new List<int>(previous[h].Tokens) { w };
            if (w == eos) finished.Add((tokens, score)); else live.Add((tokens, score));
        }
    }
    finished.AddRange(live);
    var best = finished.Select(f => (f.Tokens, Score: DeepNlp.Sampling.BeamSearch.Score(f.Score, f.Tokens.Count, DeepNlp.Sampling.LengthPenalty.Average, alpha)))
        .Aggregate((a, b) => b.Score > a.Score ? b : a);
    return (best.Tokens.ToArray(), best.Score);
}
