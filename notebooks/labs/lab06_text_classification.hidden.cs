// Hidden tests for lab 6. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell,
// so a compile error in one question's chunk (e.g. a renamed function) costs only that question.
// QUESTION q1
Grader.Test("q1", "loss and dJ/dz equal the kit's ClassifierGradients.LogisticRegression on random inputs", () =>
{
    var rng = new Random(101);
    int F = 8, C = 3;
    var W = RandomMatrix(rng, F, C, 2.0);
    var b = RandomVector(rng, C, 2.0);
    int[] f = { 7, 2, 2, 0 };
    double[] x = { 1, 3, 0.5, 2 };
    double[] probs = new double[C], expected = new double[C];
    double loss = DeepNlp.Classification.ClassifierGradients.LogisticRegression<double>(f, x, Flatten(W), b, 0, probs, expected);
    var dz = new double[C];
    Expect.Close(BowLoss(W, b, f, x, 0, dz), loss, tol: 1e-10, what: "loss");
    Expect.Close(dz, expected, tol: 1e-10, what: "dJ/dz");
}, hidden: true);
Grader.Test("q1", "the step changes only the listed rows and returns the loss before it", () =>
{
    var rng = new Random(102);
    var W = RandomMatrix(rng, 5, 2);
    var b = RandomVector(rng, 2);
    var W0 = Copy(W);
    double before = BowLoss(W, b, new[] { 1, 3 }, new[] { 1.0, 2.0 }, 1, new double[2]);
    Expect.Close(BowSgdStep(W, b, new[] { 1, 3 }, new[] { 1.0, 2.0 }, 1, 0.5), before, what: "returned loss");
    foreach (int r in new[] { 0, 2, 4 }) Expect.Close(W[r], W0[r], tol: 0, what: $"row {r} of W (not listed)");
    Expect.True(BowLoss(W, b, new[] { 1, 3 }, new[] { 1.0, 2.0 }, 1, new double[2]) < before, "the step should lower the loss of its example");
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "loss and every gradient equal the kit's ClassifierGradients.FastText", () =>
{
    var rng = new Random(201);
    int V = 9, d = 5, C = 3;
    var E = RandomMatrix(rng, V, d);
    var W = RandomMatrix(rng, C, d);
    var b = RandomVector(rng, C);
    int[] rows = { 8, 1, 1, 4, 0 };
    double[] eh = new double[d], ep = new double[C], edH = new double[d], edW = new double[C * d], edB = new double[C];
    double loss = DeepNlp.Classification.ClassifierGradients.FastText<double>(Flatten(E), rows, Flatten(W), b, 1, eh, ep, edH, edW, edB);
    double[] h = new double[d], dH = Enumerable.Repeat(7.0, d).ToArray(), dB = new double[C];
    var dW = Enumerable.Range(0, C).Select(_ => Enumerable.Repeat(7.0, d).ToArray()).ToArray();   // dirty buffers must be overwritten
    Expect.Close(FastTextLoss(E, rows, W, b, 1, h, dH, dW, dB), loss, tol: 1e-10, what: "loss");
    Expect.Close(h, eh, tol: 1e-10, what: "h");
    Expect.Close(dH, edH, tol: 1e-10, what: "dJ/dh");
    Expect.Close(Flatten(dW), edW, tol: 1e-10, what: "dJ/dW");
    Expect.Close(dB, edB, tol: 1e-10, what: "dJ/db");
}, hidden: true);
Grader.Test("q2", "rows: a one-word sentence has no bigram, and unknown words still form bigrams", () =>
{
    var vocab = new Dictionary<string, int> { ["fine"] = 0 };
    Expect.Equal(string.Join(",", FastTextRows(new[] { "fine" }, vocab, 100)), "0", what: "rows of \"fine\"");
    var rows = FastTextRows(new[] { "zzz", "qqq" }, vocab, 100);
    Expect.Equal(string.Join(",", rows), (1 + (int)((WideHash("zzz") * 116049371UL + WideHash("qqq")) % 100UL)).ToString(), what: "rows of two unknown words");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "forward and backward equal the kit's Conv1dMaxPool, and gradients accumulate", () =>
{
    var rng = new Random(301);
    int L = 9, E = 4, F = 5, w = 3;
    var x = RandomMatrix(rng, L, E);
    var layer = new DeepNlp.Layers.Conv1dMaxPool<double>("conv", E, w, F, new Random(302));
    var filters = Unflatten(layer.W.Value, F, w * E);
    var bias = layer.B.Value.ToArray();
    var expectedY = new double[F];
    layer.Forward(Flatten(x), 1, L, expectedY);
    var argmax = new int[F];
    Expect.Close(ConvMaxPool(x, filters, bias, w, argmax), expectedY, tol: 1e-10, what: "y");
    var dy = RandomVector(rng, F, 1.0);
    var expectedDx = new double[L * E];
    layer.Backward(dy, expectedDx);
    var dFilters = Enumerable.Range(0, F).Select(_ => Enumerable.Repeat(1.0, w * E).ToArray()).ToArray();
    var dBias = Enumerable.Repeat(1.0, F).ToArray();
    var dx = Zeros(L, E);
    ConvMaxPoolBackward(x, filters, w, argmax, dy, dFilters, dBias, dx);
    Expect.Close(Flatten(dFilters), layer.W.Grad.Select(g => g + 1).ToArray(), tol: 1e-10, what: "dfilters (added to a buffer of ones)");
    Expect.Close(dBias, layer.B.Grad.Select(g => g + 1).ToArray(), tol: 1e-10, what: "dbias (added to a buffer of ones)");
    Expect.Close(Flatten(dx), expectedDx, tol: 1e-10, what: "dx");
}, hidden: true);
Grader.Test("q3", "ties go to the first position", () =>
{
    double[][] x = { new double[] { 1 }, new double[] { 1 }, new double[] { 1 } };
    var argmax = new int[1];
    ConvMaxPool(x, new[] { new double[] { 2 } }, new[] { 0.0 }, 1, argmax);
    Expect.Equal(argmax[0], 0, what: "argmax over three equal windows");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "accuracy equals the kit's ClassificationReport on a random labelling", () =>
{
    var rng = new Random(401);
    var docs = Enumerable.Range(0, 50).Select(i => new Doc { Label = rng.Next(3) }).ToList();
    var guess = docs.ToDictionary(d => d, _ => rng.Next(3));
    double expected = ClassificationReport.From("random", new[] { "a", "b", "c" }, docs.Select(d => (d.Label, guess[d]))).Accuracy;
    Expect.Close(Accuracy(docs, d => guess[d]), expected, tol: 1e-12, what: "accuracy");
}, hidden: true);
Grader.Test("q4", "argmax of three equal scores is the first, of a late maximum the last", () =>
{
    Expect.Equal(Predict(new[] { 1.0, 1.0, 1.0 }), 0, what: "argmax of equal scores");
    Expect.Equal(Predict(new[] { -3.0, -2.0, -1.0 }), 2, what: "argmax of increasing negative scores");
}, hidden: true);
Grader.Test("q4", "an epoch follows the Fisher–Yates order of its seed", () =>
{
    var docs = Enumerable.Range(0, 6).Select(i => new Doc { Label = i }).ToList();
    var seen = new List<int>();
    TrainEpoch(docs, d => { seen.Add(d.Label); return 0; }, 3);
    var rng = new Random(3);
    var order = Enumerable.Range(0, 6).ToArray();
    for (int i = 5; i > 0; i--) { int j = rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); }
    Expect.Equal(string.Join(",", seen), string.Join(",", order), what: "visiting order");
}, hidden: true);
Grader.Test("q4", "a different seed gives a different order, and the same seed the same", () =>
{
    var docs = Enumerable.Range(0, 20).Select(i => new Doc { Label = i }).ToList();
    var a = new List<int>(); var b = new List<int>(); var c = new List<int>();
    TrainEpoch(docs, d => { a.Add(d.Label); return 0; }, 1);
    TrainEpoch(docs, d => { b.Add(d.Label); return 0; }, 1);
    TrainEpoch(docs, d => { c.Add(d.Label); return 0; }, 2);
    Expect.Equal(string.Join(",", a), string.Join(",", b), what: "order with seed 1, twice");
    Expect.True(string.Join(",", a) != string.Join(",", c), "seeds 1 and 2 should give different orders");
    Expect.Equal(string.Join(",", a.Order()), string.Join(",", Enumerable.Range(0, 20)), what: "documents visited");
}, hidden: true);
