// Hidden tests for lab 3. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell.
// QUESTION q1
Grader.Test("q1", "loss and states match a reference on random weights", () =>
{
    var p = new Rnn(6, 4, 21);
    var h0 = new[] { 0.5, -0.5, 0.25, 0.0 };
    int[] xs = { 5, 0, 3 }, ys = { 0, 3, 1 };
    var h = (double[])h0.Clone();
    double loss = 0;
    for (int t = 0; t < 3; t++)
    {
        var next = new double[4];
        for (int i = 0; i < 4; i++) { double z = p.Wxh[i * 6 + xs[t]] + p.bh[i]; for (int j = 0; j < 4; j++) z += p.Whh[i * 4 + j] * h[j]; next[i] = Math.Tanh(z); }
        h = next;
        var y = Enumerable.Range(0, 6).Select(k => p.by[k] + Enumerable.Range(0, 4).Sum(i => p.Why[k * 4 + i] * h[i])).ToArray();
        loss -= Math.Log(SoftmaxOf(y)[ys[t]]);
    }
    var cache = new RnnCache();
    Expect.Close(Forward(p, xs, ys, h0, cache), loss, what: "loss");
    Expect.Close(cache.H[3], h, what: "h_3");
    Expect.Close(h0, new[] { 0.5, -0.5, 0.25, 0.0 }, tol: 0, what: "h0 (must not be modified)");
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "gradients accumulate into grads instead of overwriting", () =>
{
    var p = new Rnn(4, 3, 22);
    int[] xs = { 1, 2 }, ys = { 2, 3 };
    var cache = new RnnCache();
    Forward(p, xs, ys, new double[3], cache);
    var once = p.ZerosLike();
    Backward(p, xs, ys, cache, once);
    var twice = p.ZerosLike();
    Backward(p, xs, ys, cache, twice);
    Backward(p, xs, ys, cache, twice);
    Expect.True(once.Whh.Any(v => v != 0), "dWhh after one call is all zeros");
    Expect.Close(twice.Whh, once.Whh.Select(v => 2 * v).ToArray(), what: "dWhh after two calls");
}, hidden: true);
Grader.Test("q2", "long sequence gradient matches finite differences", () =>
{
    var p = new Rnn(3, 2, 23);
    var xs = Enumerable.Range(0, 12).Select(i => (i * 7) % 3).ToArray();
    var ys = Enumerable.Range(0, 12).Select(i => (i * 5 + 1) % 3).ToArray();
    var cache = new RnnCache();
    Forward(p, xs, ys, new double[2], cache);
    var g = p.ZerosLike();
    Backward(p, xs, ys, cache, g);
    Expect.GradientMatches(_ => Forward(p, xs, ys, new double[2], new RnnCache()), p.Whh, g.Whh, what: "dWhh over 12 steps");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "the norm spans every tensor", () =>
{
    var g = new Rnn(2, 2, 1).ZerosLike();
    g.Wxh[0] = 1; g.Whh[1] = 1; g.Why[2] = 1; g.bh[1] = 1; g.by[0] = 1;
    Expect.Close(ClipGradNorm(g, 10), Math.Sqrt(5), what: "norm");
    ClipGradNorm(g, 1);
    Expect.Close(Math.Sqrt(g.Tensors.Sum(t => t.Sum(v => v * v))), 1.0, what: "norm after clipping to 1");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "chunks carry the hidden state and end with a short chunk", () =>
{
    var p = new Rnn(3, 2, 24);
    var q = p.Copy();
    var stream = new[] { 0, 1, 2, 0, 2, 1, 1, 0 };
    double mean = TrainTruncated(p, stream, 3, 0.2, 100);
    var h = new double[2];
    double total = 0;
    foreach (var (s, len) in new[] { (0, 3), (3, 3), (6, 1) })
    {
        var cache = new RnnCache();
        total += Forward(q, stream[s..(s + len)], stream[(s + 1)..(s + len + 1)], h, cache);
        var g = q.ZerosLike();
        Backward(q, stream[s..(s + len)], stream[(s + 1)..(s + len + 1)], cache, g);
        ClipGradNorm(g, 100);
        for (int n = 0; n < 5; n++) for (int i = 0; i < q.Tensors[n].Length; i++) q.Tensors[n][i] -= 0.2 * g.Tensors[n][i];
        h = cache.H[^1];
    }
    Expect.Close(mean, total / 7, tol: 1e-9, what: "mean loss");
    Expect.Close(p.Wxh, q.Wxh, tol: 1e-9, what: "Wxh after the pass");
}, hidden: true);
// QUESTION q5
Grader.Test("q5", "samples match a reference at temperature 1.5", () =>
{
    var p = new Rnn(5, 3, 25);
    var rng = new Random(4);
    var h = new double[3];
    int x = 2;
    var expected = new List<int>();
    for (int t = 0; t < 20; t++)
    {
        var next = new double[3];
        for (int i = 0; i < 3; i++) { double z = p.Wxh[i * 5 + x] + p.bh[i]; for (int j = 0; j < 3; j++) z += p.Whh[i * 3 + j] * h[j]; next[i] = Math.Tanh(z); }
        h = next;
        var prob = SoftmaxOf(Enumerable.Range(0, 5).Select(k => (p.by[k] + Enumerable.Range(0, 3).Sum(i => p.Why[k * 3 + i] * h[i])) / 1.5).ToArray());
        double r = rng.NextDouble(), c = 0;
        x = 4;
        for (int k = 0; k < 5; k++) { c += prob[k]; if (c > r) { x = k; break; } }
        expected.Add(x);
    }
    Expect.Equal(string.Join(",", Sample(p, new double[3], 2, 20, new Random(4), 1.5)), string.Join(",", expected), "samples");
}, hidden: true);
