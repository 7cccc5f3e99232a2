// NaiveSoftmaxLoss as a thin wrapper of the kit's own reference implementation.
// base: solution
// expect: 0
// feedback: DeepNlp.WordVectors.Word2VecGradients.NaiveSoftmax
double NaiveSoftmaxLoss(double[] vc, int o, double[][] U, double[] gradVc, double[][] gradU)
{
    var flatGrad = new double[U.Length * vc.Length];
    double loss = DeepNlp.WordVectors.Word2VecGradients.NaiveSoftmax<double>(vc, U.SelectMany(r => r).ToArray(), o, gradVc, flatGrad, new double[U.Length]);
    for (int w = 0; w < U.Length; w++) for (int k = 0; k < vc.Length; k++) gradU[w][k] = flatGrad[w * vc.Length + k];
    return loss;
}
