// BowLoss through the kit's ClassifierGradients, which q1 and q2 both forbid: both are lost, q3 and q4 are kept.
// base: solution
// expect: 7
// feedback: DeepNlp.Classification.ClassifierGradients
// labs: lab06_text_classification
double BowLoss(double[][] W, double[] b, int[] features, double[] values, int label, double[] dLogits) =>
    DeepNlp.Classification.ClassifierGradients.LogisticRegression<double>(features, values, W.SelectMany(r => r).ToArray(), b, label, new double[b.Length], dLogits);
