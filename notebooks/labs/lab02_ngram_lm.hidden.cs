// Hidden tests for lab 2. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell.
// QUESTION q1
Grader.Test("q1", "total bigram count is words plus one per sentence", () =>
{
    var rng = new Random(11);
    var corpus = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, rng.Next(0, 8)).Select(_ => ((char)('a' + rng.Next(5))).ToString()).ToArray()).ToList();
    Expect.Equal(CountNgrams(corpus, 2).Values.Sum(), corpus.Sum(s => s.Length + 1), "sum of bigram counts");
    Expect.Equal(CountNgrams(corpus, 4).Values.Sum(), corpus.Sum(s => s.Length + 1), "sum of 4-gram counts");
}, hidden: true);
Grader.Test("q1", "an empty sentence still yields its boundary n-gram", () =>
    Expect.Equal(CountNgrams(new[] { Array.Empty<string>() }, 2).GetValueOrDefault("<s> </s>"), 1, "count of '<s> </s>'"), hidden: true);
// QUESTION q2
Grader.Test("q2", "add-k matches the formula on random contexts", () =>
{
    foreach (var (v, w, k) in new[] { ("the", "dog", 0.3), ("cat", "sat", 2.0), ("<s>", "a", 0.01) })
        Expect.Close(AddK(toy, v, w, k), (toy.Count(v, w) + k) / (toy.Context.GetValueOrDefault(v) + k * toy.Vocabulary.Count), what: $"P({w} | {v}), k={k}");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "Kneser-Ney sums to 1 for every seen context and several discounts", () =>
{
    foreach (var d in new[] { 0.1, 0.5, 0.9 })
        foreach (var v in toy.Context.Keys)
            Expect.Close(toy.Vocabulary.Sum(w => KneserNey(toy, v, w, d)), 1.0, what: $"sum of P_KN(w | {v}), d={d}");
}, hidden: true);
Grader.Test("q3", "an unseen pair after a seen context gets only the back-off mass", () =>
    Expect.Close(KneserNey(toy, "cat", "dog", 0.5), 0.5 * 2 / 2 * 1.0 / toy.DistinctBigrams, what: "P_KN(dog | cat)"), hidden: true);
// QUESTION q4
Grader.Test("q4", "perplexity matches a reference on an add-1 model", () =>
{
    var sents = new[] { new[] { "the", "cat" }, new[] { "a", "dog", "sat" } };
    double lp = 0; int n = 0;
    foreach (var s in sents)
    {
        var p = s.Prepend("<s>").Append("</s>").ToArray();
        for (int i = 1; i < p.Length; i++) { lp += Math.Log(AddKRef(p[i - 1], p[i])); n++; }
    }
    Expect.Close(Perplexity(AddKRef, sents), Math.Exp(-lp / n), what: "perplexity");
    double AddKRef(string v, string w) => (toy.Count(v, w) + 1.0) / (toy.Context.GetValueOrDefault(v) + toy.Vocabulary.Count);
}, hidden: true);
// QUESTION q5
Grader.Test("q5", "same seed gives the reference sentence", () =>
{
    var big = new BigramCounts(new[] { "a b c a b", "b c a", "c c b a", "a a a b" }.Select(s => s.Split(' ')));
    for (int seed = 0; seed < 5; seed++)
    {
        var rng = new Random(seed);
        var expected = new List<string>();
        string v = "<s>";
        while (expected.Count < 12)
        {
            double r = rng.NextDouble() * big.Context[v];
            double cum = 0;
            string next = "</s>";
            foreach (var (w, c) in big.Next[v]) { cum += c; if (cum > r) { next = w; break; } }
            if (next == "</s>") break;
            expected.Add(next);
            v = next;
        }
        Expect.Equal(string.Join(' ', Generate(big, new Random(seed), 12)), string.Join(' ', expected), $"sentence for seed {seed}");
    }
}, hidden: true);
