// Hidden tests for lab 7. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell,
// so a compile error in one question's chunk (e.g. a renamed function) costs only that question.
// QUESTION q1
Grader.Test("q1", "a window wider than the sentence is padded on both sides", () =>
{
    Expect.Equal(string.Join(",", WindowIds(new[] { 9 }, 0, 2, 3)), "3,3,9,3,3", what: "window of a one-word sentence");
    Expect.Equal(string.Join(",", WindowIds(new[] { 4, 5, 6, 7, 8 }, 2, 1, 0)), "5,6,7", what: "window in the middle");
}, hidden: true);
Grader.Test("q1", "dirty gradient buffers are overwritten, and large scores do not overflow", () =>
{
    var rng = new Random(701);
    int D = 5, Hd = 3, C = 4;
    var x = RandomVector(rng, D); var W = RandomMatrix(rng, Hd, D); var b = RandomVector(rng, Hd); var U = RandomMatrix(rng, C, Hd); var c = RandomVector(rng, C);
    var dX = new double[D]; var dW = Zeros(Hd, D); var dB = new double[Hd]; var dU = Zeros(C, Hd); var dC = new double[C];
    WindowLoss(x, W, b, U, c, 0, dX, dW, dB, dU, dC);
    var dirty = (Enumerable.Repeat(7.0, D).ToArray(), Enumerable.Range(0, Hd).Select(_ => Enumerable.Repeat(7.0, D).ToArray()).ToArray(),
        Enumerable.Repeat(7.0, Hd).ToArray(), Enumerable.Range(0, C).Select(_ => Enumerable.Repeat(7.0, Hd).ToArray()).ToArray(), Enumerable.Repeat(7.0, C).ToArray());
    WindowLoss(x, W, b, U, c, 0, dirty.Item1, dirty.Item2, dirty.Item3, dirty.Item4, dirty.Item5);
    Expect.Close(dirty.Item1, dX, tol: 1e-12, what: "dX"); Expect.Close(Flatten(dirty.Item2), Flatten(dW), tol: 1e-12, what: "dW");
    Expect.Close(dirty.Item3, dB, tol: 1e-12, what: "dB"); Expect.Close(Flatten(dirty.Item4), Flatten(dU), tol: 1e-12, what: "dU"); Expect.Close(dirty.Item5, dC, tol: 1e-12, what: "dC");
    var big = new double[C]; big[2] = 1000;
    Expect.Close(WindowLoss(x, W, b, U, big, 2, new double[D], Zeros(Hd, D), new double[Hd], Zeros(C, Hd), new double[C]), 0.0, tol: 1e-9, what: "loss of a confident right answer");
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "gradients match finite differences with one-word and full-length sequences, and parameter gradients accumulate", () =>
{
    var rng = new Random(702);
    int D = 2, H = 3, T = 3;
    int[] lengths = { 1, 3, 2 };
    var f = LstmParams.Random(rng, D, H, 0.7); var g = LstmParams.Random(rng, D, H, 0.7);
    var x = RandomBatch(rng, lengths, T, D);
    var R = lengths.Select(_ => RandomMatrix(rng, T, 2 * H, 1.0)).ToArray();
    double L(LstmParams f_, LstmParams g_, double[][][] x_)
    {
        var Hs = BiLstmForward(x_, lengths, f_, g_).H; double s = 0;
        for (int b = 0; b < x_.Length; b++) for (int t = 0; t < lengths[b]; t++) for (int k = 0; k < 2 * H; k++) s += R[b][t][k] * Hs[b][t][k];
        return s;
    }
    var cache = BiLstmForward(x, lengths, f, g);
    var dF = LstmParams.ZerosLike(f); var dG = LstmParams.ZerosLike(g);
    var dX = lengths.Select(_ => Zeros(T, D)).ToArray();
    BiLstmBackward(cache, R, f, g, dF, dG, dX);
    Expect.GradientMatches(v => L(LstmParams.FromVector(v, D, H), g, x), f.ToVector(), dF.ToVector(), what: "forward LSTM parameters");
    Expect.GradientMatches(v => L(f, LstmParams.FromVector(v, D, H), x), g.ToVector(), dG.ToVector(), what: "backward LSTM parameters");
    Expect.GradientMatches(v => { var x2 = x.Select(s => Copy(s)).ToArray(); x2[0] = Unflatten(v, T, D); return L(f, g, x2); }, Flatten(x[0]), Flatten(dX[0]), what: "dJ/dX of the one-word sequence");
    var once = dF.ToVector();
    BiLstmBackward(cache, R, f, g, dF, dG, dX);
    Expect.Close(dF.ToVector(), once.Select(v => 2 * v).ToArray(), tol: 1e-9, what: "forward gradients after two backward passes (they add)");
}, hidden: true);
Grader.Test("q2", "the forward half at t depends only on the words up to t, the backward half only on the words from t", () =>
{
    var rng = new Random(703);
    var f = LstmParams.Random(rng, 2, 2, 0.5); var g = LstmParams.Random(rng, 2, 2, 0.5);
    var x = RandomBatch(rng, new[] { 4 }, 4, 2);
    var before = BiLstmForward(x, new[] { 4 }, f, g).H[0];
    var changed = new[] { Copy(x[0]) };
    changed[0][3][0] += 1;                       // change the last word
    var after = BiLstmForward(changed, new[] { 4 }, f, g).H[0];
    Expect.Close(before[2][..2], after[2][..2], tol: 0, what: "forward half at t = 2");
    Expect.True(Math.Abs(before[2][2] - after[2][2]) + Math.Abs(before[2][3] - after[2][3]) > 1e-9, "the backward half at t = 2 should change when word 3 changes");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "one position's loss equals the hand-computed cross-entropy, and dirty dW, dC are overwritten", () =>
{
    var h = new[] { new[] { new[] { 1.0, 0.0 } } };
    var W = new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 } };
    var dW = new[] { new[] { 5.0, 5.0 }, new[] { 5.0, 5.0 } }; var dC = new[] { 5.0, 5.0 };
    double loss = TagLoss(h, new[] { 1 }, new[] { new[] { 1 } }, W, new double[2], new[] { Zeros(1, 2) }, dW, dC);
    Expect.Close(loss, Math.Log(1 + Math.E), what: "loss = log(e + 1) - 0");
    double p0 = Math.E / (1 + Math.E);
    Expect.Close(dC, new[] { p0, (1 - p0) - 1 }, what: "dJ/dc = p - e_1");
    Expect.Close(Flatten(dW), new[] { p0, 0, (1 - p0) - 1, 0 }, what: "dJ/dW = (p - e_1) hᵀ");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "a tag that is predicted but never gold has F1 0 and is left out of macro F1", () =>
{
    var m = ConfusionMatrix(new[] { (0, 0), (0, 2), (1, 1), (1, 1) }, 3);
    Expect.Equal(string.Join(" | ", m.Select(r => string.Join(",", r))), "1,0,1 | 0,2,0 | 0,0,0", what: "M");
    Expect.Close(PerTagF1(m), new[] { 2.0 / 3, 1.0, 0.0 }, what: "F1 per tag");
    Expect.Close(MacroF1(m), (2.0 / 3 + 1.0) / 2, what: "macro F1");
}, hidden: true);
// QUESTION q5
Grader.Test("q5", "unseen words get the overall default, and case matters", () =>
{
    var (byWord, fallback) = MostFrequentTags(new List<string[]> { new[] { "The", "the", "a" } }, new List<int[]> { new[] { 2, 1, 2 } }, 3);
    Expect.Equal(byWord["The"], 2, what: "tag of 'The'");
    Expect.Equal(byWord["the"], 1, what: "tag of 'the'");
    Expect.Equal(fallback, 2, what: "default tag");
    Expect.True(!byWord.ContainsKey("THE"), "only words seen in training should be in the table");
}, hidden: true);
