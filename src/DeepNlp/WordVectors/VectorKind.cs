namespace DeepNlp.WordVectors;

/// <summary>Which of a model's two vector tables to use as the word vectors.</summary>
public enum VectorKind
{
    /// <summary>The input (centre) vectors, <c>syn0</c> in the C tool; what it writes out.</summary>
    Input,

    /// <summary>The output (context) vectors, <c>syn1neg</c> in the C tool.</summary>
    Output,

    /// <summary>The mean of input and output vectors, (v + u) / 2.</summary>
    Average,
}
