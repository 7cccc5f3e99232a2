// Hidden tests for lab 1. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell,
// so a compile error in one question's chunk (e.g. a renamed function) costs only that question.
// QUESTION q1
Grader.Test("q1", "naive-softmax loss and gradients match a reference on random inputs", () =>
{
    var rng = new Random(101);
    var vc = RandomVector(rng, 5, 2.0);
    var U = RandomMatrix(rng, 9, 5, 2.0);
    var scores = U.Select(u => Dot(u, vc)).ToArray();
    double max = scores.Max();
    double logZ = max + Math.Log(scores.Sum(s => Math.Exp(s - max)));
    var yHat = scores.Select(s => Math.Exp(s - logZ)).ToArray();
    var gVc = new double[5];
    var gU = Zeros(9, 5);
    Expect.Close(NaiveSoftmaxLoss(vc, 7, U, gVc, gU), logZ - scores[7], what: "loss");
    var expectVc = new double[5];
    for (int w = 0; w < 9; w++) for (int k = 0; k < 5; k++) expectVc[k] += (yHat[w] - (w == 7 ? 1 : 0)) * U[w][k];
    Expect.Close(gVc, expectVc, what: "dJ/dv_c");
    Expect.Close(gU[4], U[4].Select((_, k) => yHat[4] * vc[k]).ToArray(), what: "dJ/du_4");
}, hidden: true);
Grader.Test("q1", "gradient buffers are overwritten, not accumulated", () =>
{
    var rng = new Random(102);
    var vc = RandomVector(rng, 3);
    var U = RandomMatrix(rng, 4, 3);
    var g1 = new double[3];
    var gU1 = Zeros(4, 3);
    NaiveSoftmaxLoss(vc, 1, U, g1, gU1);
    var g2 = Enumerable.Repeat(5.0, 3).ToArray();
    var gU2 = Enumerable.Range(0, 4).Select(_ => Enumerable.Repeat(5.0, 3).ToArray()).ToArray();
    NaiveSoftmaxLoss(vc, 1, U, g2, gU2);
    Expect.Close(g2, g1, what: "dJ/dv_c on a dirty buffer");
    Expect.Close(Flatten(gU2), Flatten(gU1), what: "dJ/dU on a dirty buffer");
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "negative-sampling loss matches a reference on random inputs", () =>
{
    var rng = new Random(201);
    var vc = RandomVector(rng, 4, 2.0);
    var U = RandomMatrix(rng, 8, 4, 2.0);
    int[] neg = { 0, 3, 3, 5, 6 };
    double expected = -Math.Log(Sigmoid(Dot(U[1], vc))) - neg.Sum(n => Math.Log(Sigmoid(-Dot(U[n], vc))));
    var gU = Zeros(8, 4);
    Expect.Close(NegSamplingLoss(vc, 1, U, neg, new double[4], gU), expected, what: "loss");
    Expect.Close(gU[3], vc.Select(v => 2 * Sigmoid(Dot(U[3], vc)) * v).ToArray(), what: "dJ/du_3 (sampled twice)");
    Expect.Close(gU[2], new double[4], what: "dJ/du_2 (not sampled)");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "error is relative, not absolute", () =>
{
    var x = new[] { 1e4, 2e4 };
    double err = MaxRelativeError(v => v.Sum(t => t * t), x, new[] { 2e4 * 1.001, 4e4 * 1.001 }, 1e-3);
    Expect.True(err > 1e-4 && err < 1e-3, $"a 0.1% gradient error should give a relative error near 5e-4, got {err:g3}");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "updates match a reference step", () =>
{
    var rng = new Random(401);
    var V = RandomMatrix(rng, 5, 3);
    var U = RandomMatrix(rng, 5, 3);
    var V0 = V.Select(r => r.ToArray()).ToArray();
    var U0 = U.Select(r => r.ToArray()).ToArray();
    SgdStep(V, U, 2, new[] { 0, 4, 0 }, 0.3);
    var gVc = new double[3];
    var gU = Zeros(5, 3);
    foreach (int o in new[] { 0, 4, 0 })
    {
        var scores = U0.Select(u => Dot(u, V0[2])).ToArray();
        double max = scores.Max();
        double z = scores.Sum(s => Math.Exp(s - max));
        for (int w = 0; w < 5; w++)
        {
            double delta = Math.Exp(scores[w] - max) / z - (w == o ? 1 : 0);
            for (int k = 0; k < 3; k++) { gVc[k] += delta * U0[w][k]; gU[w][k] += delta * V0[2][k]; }
        }
    }
    Expect.Close(V[2], V0[2].Select((v, k) => v - 0.3 * gVc[k]).ToArray(), what: "V[center] after the step");
    Expect.Close(Flatten(U), Flatten(U0).Select((u, i) => u - 0.3 * Flatten(gU)[i]).ToArray(), what: "U after the step");
    Expect.Close(V[1], V0[1], tol: 0, what: "V of another word (must not change)");
}, hidden: true);
