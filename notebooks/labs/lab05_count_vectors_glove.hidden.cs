// Hidden tests for lab 5. Each "// QUESTION id" line starts a chunk that the grader runs as its own cell,
// so a compile error in one question's chunk (e.g. a renamed function) costs only that question.
// QUESTION q1
Grader.Test("q1", "counts equal the kit's CooccurrenceMatrix on a Gutenberg slice, both weightings", () =>
{
    var corpus = TrainingCorpus.FromLines(Datasets.Gutenberg.Lines(Split.Valid).Take(300), TrainingCorpus.WordsOnly, minCount: 1, maxVocabulary: 120);
    int[][] sentences = Enumerable.Range(0, corpus.SentenceCount).Select(s => corpus.Ids[corpus.SentenceStarts[s]..corpus.SentenceStarts[s + 1]]).ToArray();
    foreach (bool weighted in new[] { false, true })
    {
        var kit = CooccurrenceMatrix.Count(corpus, window: 4, distanceWeighting: weighted).ToDense();
        var expected = Enumerable.Range(0, kit.Count).SelectMany(i => kit.Row(i).ToArray().Select(v => (double)v)).ToArray();
        Expect.Close(Flatten(CooccurrenceCounts(sentences, corpus.Vocabulary.Count, 4, weighted)), expected, tol: 1e-5, what: weighted ? "X with 1/distance" : "X");
    }
}, hidden: true);
Grader.Test("q1", "a word next to itself adds twice to the diagonal", () =>
{
    var X = CooccurrenceCounts(new[] { new[] { 1, 1, 1 } }, 2, 2, false);
    // Pairs (p=1,p=0), (p=2,p=1) at distance 1 and (p=2,p=0) at distance 2: three pairs, each adding 2 to X[1][1].
    Expect.Close(Flatten(X), new double[] { 0, 0, 0, 6 }, what: "X (row-major)");
}, hidden: true);
// QUESTION q2
Grader.Test("q2", "PPMI equals the kit's on a Gutenberg matrix, α = 1 and α = 0.75", () =>
{
    var corpus = TrainingCorpus.FromLines(Datasets.Gutenberg.Lines(Split.Valid).Take(300), TrainingCorpus.WordsOnly, minCount: 1, maxVocabulary: 120);
    var counts = CooccurrenceMatrix.Count(corpus, window: 3);
    var dense = counts.ToDense();
    var X = Enumerable.Range(0, dense.Count).Select(i => dense.Row(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
    foreach (double alpha in new[] { 1.0, 0.75 })
    {
        var kit = counts.Ppmi(alpha).ToDense();
        var expected = Enumerable.Range(0, kit.Count).SelectMany(i => kit.Row(i).ToArray().Select(v => (double)v)).ToArray();
        Expect.Close(Flatten(Ppmi(X, alpha)), expected, tol: 1e-5, what: $"PPMI with α = {alpha}");
    }
}, hidden: true);
Grader.Test("q2", "a word outside a pair changes its PPMI only through the total N", () =>
{
    // Appending a word that co-occurs only with itself (count 4) raises N from 8 to 12 and leaves the tiny corpus's rows alone:
    // PMI(a,b) becomes log(2·12 / (3·3)) = log(8/3).
    double[][] X = { new double[] { 0, 2, 1, 0 }, new double[] { 2, 0, 1, 0 }, new double[] { 1, 1, 0, 0 }, new double[] { 0, 0, 0, 4 } };
    var p = Ppmi(X, 1.0);
    Expect.Close(p[0][1], Math.Log(8.0 / 3), what: "PPMI(a,b)");
    Expect.Close(p[3][3], Math.Log(4.0 * 12 / (4 * 4)), what: "PPMI(d,d)");
    Expect.Close(p[0][3], 0.0, what: "PPMI(a,d), a zero count");
}, hidden: true);
// QUESTION q3
Grader.Test("q3", "Gram–Schmidt on a random block: QᵀQ = I and the first column keeps its direction", () =>
{
    var rng = new Random(31);
    var Y = RandomMatrix(rng, 7, 4);
    var first = Y.Select(r => r[0]).ToArray();
    OrthonormalizeColumns(Y);
    var gram = MatMul(Transpose(Y), Y);
    var identity = Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(0, 4).Select(j => i == j ? 1.0 : 0.0)).ToArray();
    Expect.Close(Flatten(gram), identity, tol: 1e-10, what: "QᵀQ");
    double norm = Math.Sqrt(Dot(first, first));
    Expect.Close(Y.Select(r => r[0]).ToArray(), first.Select(v => v / norm).ToArray(), tol: 1e-10, what: "first column");
}, hidden: true);
Grader.Test("q3", "singular values of the embedding agree with the kit's (p = 0.5) on a PPMI matrix", () =>
{
    var corpus = TrainingCorpus.FromLines(Datasets.Gutenberg.Lines(Split.Valid).Take(400), TrainingCorpus.WordsOnly, minCount: 1, maxVocabulary: 150);
    var ppmi = CooccurrenceMatrix.Count(corpus, window: 2).Ppmi(0.75);
    var dense = ppmi.ToDense();
    var A = Enumerable.Range(0, dense.Count).Select(i => dense.Row(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
    var kit = TruncatedSvd.Embed(ppmi, k: 3, eigenWeight: 0.5, powerIterations: 40, seed: 3);
    double[] ColumnNorms(Func<int, int, double> at, int rows) => Enumerable.Range(0, 3).Select(j => Math.Sqrt(Enumerable.Range(0, rows).Sum(i => at(i, j) * at(i, j)))).OrderDescending().ToArray();
    var mine = SvdEmbeddings(A, 3, 0.5, 150, 2);
    Expect.Close(ColumnNorms((i, j) => mine[i][j], A.Length), ColumnNorms((i, j) => kit.Row(i)[j], kit.Count), tol: 1e-4, what: "σ_j^0.5 (column norms, sorted)");
}, hidden: true);
Grader.Test("q3", "a rank-2 matrix: the top-2 subspace is its column space", () =>
{
    var rng = new Random(32);
    var L = RandomMatrix(rng, 9, 2);
    var R = RandomMatrix(rng, 2, 9);
    var A = MatMul(L, R);
    var basis = L.Select(r => r.ToArray()).ToArray();
    OrthonormalizeColumns(basis);
    double distance = ProjectorDistance(TopSingularVectors(A, 2, 10, 4), basis);
    Expect.True(distance < 1e-8, $"distance between your subspace and the column space is {distance:g3}");
}, hidden: true);
// QUESTION q4
Grader.Test("q4", "loss and gradients equal the kit's GloVeGradients summed over the entries", () =>
{
    var rng = new Random(41);
    int n = 5, d = 4;
    var X = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => (i * j) % 4 == 1 ? 0.0 : 0.5 + 300 * rng.NextDouble()).ToArray()).ToArray();
    var W = RandomMatrix(rng, n, d);
    var Wc = RandomMatrix(rng, n, d);
    double[] b = RandomMatrix(rng, 1, n)[0], bc = RandomMatrix(rng, 1, n)[0];
    double expected = 0;
    var eW = Zeros(n, d);
    var eb = new double[n];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
        {
            if (X[i][j] == 0) continue;
            double[] gi = new double[d], gj = new double[d];
            expected += GloVeGradients.Entry<double>(W[i], Wc[j], b[i], bc[j], X[i][j], 100.0, 0.75, gi, gj, out double gb);
            for (int t = 0; t < d; t++) eW[i][t] += gi[t];
            eb[i] += gb;
        }
    double[][] dW = Zeros(n, d), dWc = Zeros(n, d);
    double[] db = new double[n], dbc = new double[n];
    Expect.Close(GloVeLoss(X, W, Wc, b, bc, 100, 0.75, dW, dWc, db, dbc), expected, tol: 1e-10, what: "J");
    Expect.Close(Flatten(dW), Flatten(eW), tol: 1e-10, what: "dJ/dW");
    Expect.Close(db, eb, tol: 1e-10, what: "dJ/db");
}, hidden: true);
Grader.Test("q4", "gradient buffers are overwritten, not accumulated", () =>
{
    var rng = new Random(42);
    double[][] X = { new double[] { 3, 0 }, new double[] { 7, 120 } };
    var W = RandomMatrix(rng, 2, 2);
    var Wc = RandomMatrix(rng, 2, 2);
    double[] b = { 0.1, -0.1 }, bc = { 0.2, 0.0 };
    double[][] dW1 = Zeros(2, 2), dWc1 = Zeros(2, 2);
    double[] db1 = new double[2], dbc1 = new double[2];
    GloVeLoss(X, W, Wc, b, bc, 100, 0.75, dW1, dWc1, db1, dbc1);
    double[][] dW2 = { new double[] { 5, 5 }, new double[] { 5, 5 } }, dWc2 = { new double[] { 5, 5 }, new double[] { 5, 5 } };
    double[] db2 = { 5, 5 }, dbc2 = { 5, 5 };
    GloVeLoss(X, W, Wc, b, bc, 100, 0.75, dW2, dWc2, db2, dbc2);
    Expect.Close(Flatten(dW2), Flatten(dW1), what: "dJ/dW on a dirty buffer");
    Expect.Close(Flatten(dWc2), Flatten(dWc1), what: "dJ/dW̃ on a dirty buffer");
    Expect.Close(dbc2, dbc1, what: "dJ/db̃ on a dirty buffer");
}, hidden: true);
// QUESTION q5
Grader.Test("q5", "analogy accuracy equals the kit's with 1,000 candidates, and the vectors are left alone", () =>
{
    var vectors = Datasets.GloVe50d.Load(1500);
    var rows = Enumerable.Range(0, vectors.Count).Select(i => vectors.Vector(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
    var before = Flatten(rows);
    var questions = Datasets.GoogleAnalogy.Load();
    double expected = Analogies.Evaluate(new WordEmbeddings(vectors.Words, vectors.Vectors, vectors.Dimension), questions, candidateWords: 1000).Accuracy;
    Expect.Close(AnalogyAccuracy(rows, vectors.Words, questions, 1000), expected, tol: 1e-12, what: "accuracy (1,000 candidates)");
    Expect.Close(Flatten(rows), before, tol: 0, what: "the vectors after the call");
}, hidden: true);
Grader.Test("q5", "Spearman equals the kit's on SimLex-999 and on random data with many ties", () =>
{
    var vectors = Datasets.GloVe50d.Load(3000);
    var rows = Enumerable.Range(0, vectors.Count).Select(i => vectors.Vector(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
    double expected = Similarity.Evaluate(new WordEmbeddings(vectors.Words, vectors.Vectors, vectors.Dimension), Datasets.SimLex999.Load()).Spearman;
    Expect.Close(SimilaritySpearman(rows, vectors.Words, Datasets.SimLex999.Load()), expected, tol: 1e-6, what: "ρ on SimLex-999");
    var rng = new Random(51);
    double[] x = Enumerable.Range(0, 40).Select(_ => (double)rng.Next(5)).ToArray(), y = Enumerable.Range(0, 40).Select(_ => (double)rng.Next(7)).ToArray();
    Expect.Close(Spearman(x, y), Similarity.Spearman(x, y), tol: 1e-12, what: "ρ of two tied random lists");
}, hidden: true);
