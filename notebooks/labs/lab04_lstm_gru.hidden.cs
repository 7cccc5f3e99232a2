// Hidden tests for lab 4. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell.
// QUESTION q1
Grader.Test("q1", "LSTM step matches a reference on random weights", () =>
{
    var rng = new Random(41);
    var p = new Lstm(3, 2, 42);
    double[] x = Rand(rng, 3), h = Rand(rng, 2), c = Rand(rng, 2);
    var s = LstmForward(p, x, h, c);
    for (int j = 0; j < 2; j++)
    {
        double Z(int gate) => Enumerable.Range(0, 3).Sum(k => p.Wx[(gate * 2 + j) * 3 + k] * x[k]) + Enumerable.Range(0, 2).Sum(k => p.Wh[(gate * 2 + j) * 2 + k] * h[k]) + p.b[gate * 2 + j];
        double ct = Sigmoid(Z(1)) * c[j] + Sigmoid(Z(0)) * Math.Tanh(Z(2));
        Expect.Close(s.C[j], ct, what: $"c_t[{j}]");
        Expect.Close(s.H[j], Sigmoid(Z(3)) * Math.Tanh(ct), what: $"h_t[{j}]");
    }
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "weight gradients accumulate across calls", () =>
{
    var rng = new Random(43);
    var p = new Lstm(2, 2, 44);
    double[] x = Rand(rng, 2), h = Rand(rng, 2), c = Rand(rng, 2), wh = Rand(rng, 2), wc = Rand(rng, 2);
    var s = LstmForward(p, x, h, c);
    var once = p.ZerosLike();
    LstmBackward(p, s, wh, wc, once, new double[2], new double[2], new double[2]);
    var twice = p.ZerosLike();
    LstmBackward(p, s, wh, wc, twice, new double[2], new double[2], new double[2]);
    LstmBackward(p, s, wh, wc, twice, new double[2], new double[2], new double[2]);
    Expect.True(once.Wx.Any(v => v != 0), "dWx after one call is all zeros");
    Expect.Close(twice.Wx, once.Wx.Select(v => 2 * v).ToArray(), what: "dWx after two calls");
}, hidden: true);
Grader.Test("q2", "dx, dh_prev and dc_prev are overwritten", () =>
{
    var rng = new Random(45);
    var p = new Lstm(2, 2, 46);
    double[] x = Rand(rng, 2), h = Rand(rng, 2), c = Rand(rng, 2), wh = Rand(rng, 2), wc = Rand(rng, 2);
    var s = LstmForward(p, x, h, c);
    double[] dx1 = new double[2], dh1 = new double[2], dc1 = new double[2];
    LstmBackward(p, s, wh, wc, p.ZerosLike(), dx1, dh1, dc1);
    double[] dx2 = { 9, 9 }, dh2 = { 9, 9 }, dc2 = { 9, 9 };
    LstmBackward(p, s, wh, wc, p.ZerosLike(), dx2, dh2, dc2);
    Expect.Close(dx2, dx1, what: "dx on a dirty buffer");
    Expect.Close(dh2, dh1, what: "dh_prev on a dirty buffer");
    Expect.Close(dc2, dc1, what: "dc_prev on a dirty buffer");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "GRU uses the reset gate on the projected state (PyTorch variant)", () =>
{
    var p = new Gru(1, 1, 47).ZerosLike();
    p.bh[2] = 2.0;                 // W_hn h + b_hn = 2 regardless of h
    p.bx[0] = -50;                 // r ≈ 0 removes it
    var s = GruForward(p, new[] { 0.0 }, new[] { 1.0 });
    Expect.Close(s.N[0], 0.0, tol: 1e-6, what: "n with r = 0");
    p.bx[0] = 50;                  // r ≈ 1 keeps it
    Expect.Close(GruForward(p, new[] { 0.0 }, new[] { 1.0 }).N[0], Math.Tanh(2.0), tol: 1e-6, what: "n with r = 1");
}, hidden: true);
Grader.Test("q3", "GRU gradients on a larger cell match finite differences", () =>
{
    var rng = new Random(48);
    var p = new Gru(2, 4, 49);
    double[] x = Rand(rng, 2), h = Rand(rng, 4), w = Rand(rng, 4);
    var g = p.ZerosLike();
    double[] dhPrev = new double[4];
    GruBackward(p, GruForward(p, x, h), w, g, new double[2], dhPrev);
    double F() { var s = GruForward(p, x, h); return Enumerable.Range(0, 4).Sum(j => w[j] * s.H[j]); }
    Expect.GradientMatches(_ => F(), p.Wh, g.Wh, what: "dWh");
    Expect.GradientMatches(_ => F(), h, dhPrev, what: "dh_prev");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "input weight and bias gradients over 8 steps match finite differences", () =>
{
    var rng = new Random(50);
    var p = new Lstm(2, 2, 51);
    var xs = Enumerable.Range(0, 8).Select(_ => Rand(rng, 2)).ToArray();
    var g = p.ZerosLike();
    LstmSequenceLoss(p, xs, g);
    Expect.GradientMatches(_ => LstmSequenceLoss(p, xs, p.ZerosLike()), p.Wx, g.Wx, what: "dWx");
    Expect.GradientMatches(_ => LstmSequenceLoss(p, xs, p.ZerosLike()), p.b, g.b, what: "db");
}, hidden: true);
