using DeepNlp.Layers;

namespace DeepNlp.Models;

/// <summary>The shape of a recurrent language model: embedding → L recurrent layers → softmax over the vocabulary.</summary>
/// <param name="VocabularySize">|V|.</param>
/// <param name="EmbeddingSize">Embedding dimension (ignored when <paramref name="OneHotInput"/>).</param>
/// <param name="HiddenSize">H of every recurrent layer.</param>
/// <param name="Layers">Number of stacked layers.</param>
/// <param name="Cell">RNN, LSTM or GRU.</param>
/// <param name="Dropout">Dropout between recurrent layers.</param>
/// <param name="ForgetBias">LSTM forget-gate bias.</param>
/// <param name="UpdateGateBias">GRU update-gate bias, the GRU's counterpart of the forget bias (<c>Gru(..., updateGateBias)</c>;
/// 0 = PyTorch's default).</param>
/// <param name="OneHotInput">Feed x_t = e_{w_t}, the one-hot vector of the token, instead of a trained embedding: the first
/// cell's W_ih [H, |V|] is then min-char-rnn's W_xh, and W_ih x_t is column w_t of it (Karpathy's min-char-rnn model;
/// the bench compares the kit with it at this setting as well as with a 100-dimensional embedding).</param>
public sealed record LanguageModelConfig(int VocabularySize, int EmbeddingSize = 64, int HiddenSize = 256, int Layers = 1,
    CellKind Cell = CellKind.Lstm, double Dropout = 0, double ForgetBias = 0, bool OneHotInput = false, double UpdateGateBias = 0);
