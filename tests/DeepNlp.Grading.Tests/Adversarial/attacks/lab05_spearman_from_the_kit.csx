// Spearman as a call of the kit's Similarity.Spearman, which q5 forbids: only q5 is lost.
// base: solution
// expect: 14
// feedback: DeepNlp.WordVectors.Similarity
// labs: lab05_count_vectors_glove
double Spearman(double[] x, double[] y) => DeepNlp.WordVectors.Similarity.Spearman(x, y);
