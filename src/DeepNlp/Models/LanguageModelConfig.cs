using DeepNlp.Layers;

namespace DeepNlp.Models;

/// <summary>The shape of a recurrent language model: embedding → L recurrent layers → softmax over the vocabulary.</summary>
/// <param name="VocabularySize">|V|.</param>
/// <param name="EmbeddingSize">Embedding dimension.</param>
/// <param name="HiddenSize">H of every recurrent layer.</param>
/// <param name="Layers">Number of stacked layers.</param>
/// <param name="Cell">RNN, LSTM or GRU.</param>
/// <param name="Dropout">Dropout between recurrent layers.</param>
/// <param name="ForgetBias">LSTM forget-gate bias.</param>
public sealed record LanguageModelConfig(int VocabularySize, int EmbeddingSize = 64, int HiddenSize = 256, int Layers = 1,
    CellKind Cell = CellKind.Lstm, double Dropout = 0, double ForgetBias = 0);
