using DeepNlp.WordVectors;

namespace DeepNlp.Classification;

/// <summary>Hyper-parameters of <see cref="FastTextClassifier.Train"/>; defaults follow <c>fasttext supervised</c> where noted.</summary>
/// <param name="Dimension">Embedding size (fastText: 100); ignored when <paramref name="Pretrained"/> is given.</param>
/// <param name="Epochs">Passes over the data (fastText: 5).</param>
/// <param name="LearningRate">Starting SGD step, decayed linearly to 0 (fastText: 0.1).</param>
/// <param name="Bigrams">Add hashed word bigrams (fastText <c>-wordNgrams 2</c>).</param>
/// <param name="Buckets">Hash buckets for bigrams. fastText uses 2,000,000; 200,000 keeps the table at 80 MB for d = 100.</param>
/// <param name="MinCount">Drop words seen fewer times in training (fastText: 1).</param>
/// <param name="Pretrained">Initialise the rows of known words from these vectors (e.g. the shipped GloVe subset); other rows start as fastText's do.</param>
/// <param name="Seed">Seeds initial vectors and the per-epoch shuffle.</param>
public sealed record FastTextOptions(int Dimension = 100, int Epochs = 5, double LearningRate = 0.1, bool Bigrams = false, int Buckets = 200_000,
    int MinCount = 1, WordEmbeddings? Pretrained = null, int Seed = 1);
