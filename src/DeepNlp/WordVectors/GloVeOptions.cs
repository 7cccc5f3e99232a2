namespace DeepNlp.WordVectors;

/// <summary>Hyper-parameters of <see cref="GloVe.Train"/>; defaults are the GloVe tool's (<c>glove.c</c>).</summary>
/// <param name="Dimension">Vector size (<c>-vector-size</c>, 50).</param>
/// <param name="Epochs">Passes over the non-zero entries (<c>-iter</c>, 25).</param>
/// <param name="XMax">Weighting cut-off (<c>-x-max</c>, 100).</param>
/// <param name="Alpha">Weighting exponent (<c>-alpha</c>, 0.75).</param>
/// <param name="LearningRate">AdaGrad step η (<c>-eta</c>, 0.05).</param>
/// <param name="Seed">Seeds the initial vectors and the shuffle of the entries.</param>
public sealed record GloVeOptions(int Dimension = 50, int Epochs = 25, double XMax = 100, double Alpha = 0.75, double LearningRate = 0.05, int Seed = 1);
