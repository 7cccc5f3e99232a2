namespace DeepNlp.WordVectors;

/// <summary>Which word2vec model to train.</summary>
public enum Word2VecArchitecture
{
    /// <summary>Skip-gram: each context word's input vector predicts the centre word (the C tool's <c>-cbow 0</c>).</summary>
    SkipGram,

    /// <summary>Continuous bag of words: the mean of the context input vectors predicts the centre word (<c>-cbow 1</c>).</summary>
    Cbow,
}
