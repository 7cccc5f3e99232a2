// Hidden tests for lab 8. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell,
// so a compile error in one question's chunk (e.g. a renamed function) costs only that question.
// QUESTION q1
Grader.Test("q1", "one real key takes all the weight, and large scores do not overflow", () =>
{
    var rng = new Random(801);
    var keys = RandomMatrix(rng, 3, 2);
    var w = new double[3];
    var c = AdditiveAttention(RandomVector(rng, 2), keys, 1, RandomMatrix(rng, 2, 2), RandomMatrix(rng, 2, 2), RandomVector(rng, 2), w);
    Expect.Close(w, new[] { 1.0, 0, 0 }, tol: 0, what: "weights with length 1");
    Expect.Close(c, keys[0], tol: 1e-12, what: "context with length 1");
    var Wk = new[] { new[] { 1.0, 0 } };
    var big = AdditiveAttention(new[] { 0.0 }, new[] { new[] { 5.0, 0 }, new[] { -5.0, 0 } }, 2, new[] { new[] { 0.0 } }, Wk, new[] { 800.0 }, w = new double[2]);
    Expect.True(w.All(double.IsFinite) && Math.Abs(w.Sum() - 1) < 1e-12, $"weights should stay finite and sum to 1 with scores near ±800, got {string.Join(", ", w)}");
}, hidden: true);
Grader.Test("q1", "backward adds into the parameter gradients and the keys, and overwrites dQ", () =>
{
    var rng = new Random(802);
    int H = 2, K = 3, A = 2, n = 3;
    var Wq = RandomMatrix(rng, A, H); var Wk = RandomMatrix(rng, A, K); var v = RandomVector(rng, A);
    var q = RandomVector(rng, H); var keys = RandomMatrix(rng, n, K); var dC = RandomVector(rng, K, 1.0);
    var w = new double[n];
    AdditiveAttention(q, keys, n, Wq, Wk, v, w);
    var dQ = new double[H]; var dKeys = Zeros(n, K); var dWq = Zeros(A, H); var dWk = Zeros(A, K); var dV = new double[A];
    AdditiveAttentionBackward(q, keys, n, Wq, Wk, v, w, dC, dQ, dKeys, dWq, dWk, dV);
    var once = (dQ.ToArray(), Flatten(dKeys), Flatten(dWq), Flatten(dWk), dV.ToArray());
    AdditiveAttentionBackward(q, keys, n, Wq, Wk, v, w, dC, dQ, dKeys, dWq, dWk, dV);
    Expect.Close(dQ, once.Item1, tol: 1e-12, what: "dQ after two calls (overwritten)");
    Expect.Close(Flatten(dKeys), once.Item2.Select(x => 2 * x).ToArray(), tol: 1e-12, what: "dKeys after two calls (added)");
    Expect.Close(Flatten(dWq), once.Item3.Select(x => 2 * x).ToArray(), tol: 1e-12, what: "dWq after two calls (added)");
    Expect.Close(dV, once.Item5.Select(x => 2 * x).ToArray(), tol: 1e-12, what: "dV after two calls (added)");
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "teacher forcing: the step reads the embedding of the previous token it is given", () =>
{
    var rng = new Random(803);
    var p = DecoderParams.Random(rng, 4, 2, 3, 2, 2, 0.5);
    var keys = RandomMatrix(rng, 2, 2);
    var a = DecoderStep(p, new double[3], 1, 0, keys, 2);
    var b = DecoderStep(p, new double[3], 2, 0, keys, 2);
    for (int h = 0; h < 3; h++) Expect.Close(a.S[h], Math.Tanh(Dot(p.Wx[h], p.E[1]) + p.B[h]), tol: 1e-12, what: $"s[{h}] from a zero state after token 1");
    Expect.True(Math.Abs(a.Loss - b.Loss) > 1e-9, "a different previous token should change the step");
}, hidden: true);
Grader.Test("q2", "gradients match finite differences with padded keys, and only the previous token's embedding row moves", () =>
{
    var rng = new Random(804);
    int V = 4, e = 2, H = 3, K = 2, A = 2, n = 4, len = 2;
    var p = DecoderParams.Random(rng, V, e, H, K, A, 0.6);
    var sPrev = RandomVector(rng, H); var keys = RandomMatrix(rng, n, K);
    var cache = DecoderStep(p, sPrev, 3, 1, keys, len);
    var grads = DecoderParams.ZerosLike(p); var dSPrev = new double[H]; var dKeys = Zeros(n, K);
    DecoderStepBackward(p, cache, new double[H], grads, dSPrev, dKeys);
    // tol 1e-4: some gradients are ~1e-7, where the central difference's own truncation error is ~1e-5 of them.
    Expect.GradientMatches(x => DecoderStep(p.WithVector(x), sPrev, 3, 1, keys, len).Loss, p.ToVector(), grads.ToVector(), tol: 1e-4, what: "parameters");
    Expect.Close(Flatten(dKeys[len..]), new double[(n - len) * K], tol: 0, what: "dJ/dkeys at the padding");
    for (int t = 0; t < 3; t++) Expect.Close(grads.E[t], new double[e], tol: 0, what: $"embedding row {t} (not fed)");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "a one-token target equals one decoder step from the start symbol", () =>
{
    var rng = new Random(805);
    var p = DecoderParams.Random(rng, 5, 2, 3, 2, 2, 0.5);
    var keys = RandomMatrix(rng, 3, 2);
    var step = DecoderStep(p, new double[3], 4, 2, keys, 3);
    var g1 = DecoderParams.ZerosLike(p); var k1 = Zeros(3, 2);
    DecoderStepBackward(p, step, new double[3], g1, new double[3], k1);
    var g2 = DecoderParams.ZerosLike(p); var k2 = Zeros(3, 2);
    Expect.Close(TeacherForcedLoss(p, keys, 3, new[] { 2 }, 4, g2, k2), step.Loss, tol: 1e-12, what: "loss");
    Expect.Close(g2.ToVector(), g1.ToVector(), tol: 1e-12, what: "gradients");
}, hidden: true);
Grader.Test("q3", "gradients through a longer target with padded keys match finite differences", () =>
{
    var rng = new Random(806);
    var p = DecoderParams.Random(rng, 5, 2, 3, 2, 2, 0.6);
    var keys = RandomMatrix(rng, 5, 2);
    int[] target = { 3, 3, 2, 4, 1 };
    var grads = DecoderParams.ZerosLike(p);
    TeacherForcedLoss(p, keys, 4, target, 0, grads, Zeros(5, 2));
    Expect.GradientMatches(x => TeacherForcedLoss(p.WithVector(x), keys, 4, target, 0, DecoderParams.ZerosLike(p), Zeros(5, 2)), p.ToVector(), grads.ToVector(), tol: 1e-4, what: "parameters");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "beam width 1 is greedy, and ties go to the lower token", () =>
{
    double[] M(IReadOnlyList<int> prefix) => (prefix.Count < 2 ? new[] { 0.1, 0.45, 0.45 } : new[] { 0.8, 0.1, 0.1 }).Select(v => Math.Log(v)).ToArray();
    Expect.Equal(string.Join(",", GreedyDecode(M, 0, 9)), "1,1,0", what: "greedy");
    Expect.Equal(string.Join(",", BeamDecode(M, 0, 1, 9, 0).Tokens), "1,1,0", what: "beam of width 1");
}, hidden: true);
Grader.Test("q4", "hypotheses cut at maxLength count as finished", () =>
{
    double[] Never(IReadOnlyList<int> prefix) => new[] { Math.Log(1e-6), Math.Log(1 - 1e-6) };
    var (tokens, score) = BeamDecode(Never, 0, 2, 3, 0);
    Expect.Equal(string.Join(",", tokens), "1,1,1", what: "beam output when eos never wins");
    Expect.Close(score, 3 * Math.Log(1 - 1e-6), what: "its score");
    Expect.Equal(string.Join(",", GreedyDecode(Never, 0, 3)), "1,1,1", what: "greedy output");
}, hidden: true);
