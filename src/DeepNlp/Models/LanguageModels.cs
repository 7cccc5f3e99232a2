using DeepNlp.Layers;

namespace DeepNlp.Models;

/// <summary>Short factories for the float32 recurrent language models notebooks train (type <c>LanguageModels.</c> and pick a cell).</summary>
/// <remarks><code>var model = LanguageModels.Lstm(vocab.Count, hidden: 256, seed: 1);
/// var run = Trainer.Fit(model, trainIds, validIds, new TrainingOptions { Steps = 2000 });</code></remarks>
public static class LanguageModels
{
    /// <summary>An LSTM language model (embedding → L LSTM layers → softmax).</summary>
    /// <param name="vocabularySize">|V|.</param>
    /// <param name="hidden">H.</param>
    /// <param name="embedding">Embedding dimension.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="dropout">Dropout between layers.</param>
    /// <param name="seed">Seed for weights and dropout.</param>
    /// <param name="forgetBias">Forget-gate bias.</param>
    public static RecurrentLanguageModel<float> Lstm(int vocabularySize, int hidden = 256, int embedding = 64, int layers = 1,
        double dropout = 0, int seed = 1, double forgetBias = 0) =>
        new(new LanguageModelConfig(vocabularySize, embedding, hidden, layers, CellKind.Lstm, dropout, forgetBias), seed);

    /// <summary>A GRU language model.</summary>
    /// <param name="vocabularySize">|V|.</param>
    /// <param name="hidden">H.</param>
    /// <param name="embedding">Embedding dimension.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="dropout">Dropout between layers.</param>
    /// <param name="seed">Seed.</param>
    public static RecurrentLanguageModel<float> Gru(int vocabularySize, int hidden = 256, int embedding = 64, int layers = 1,
        double dropout = 0, int seed = 1) =>
        new(new LanguageModelConfig(vocabularySize, embedding, hidden, layers, CellKind.Gru, dropout), seed);

    /// <summary>An Elman RNN language model (tanh, or ReLU with <paramref name="relu"/>).</summary>
    /// <param name="vocabularySize">|V|.</param>
    /// <param name="hidden">H.</param>
    /// <param name="embedding">Embedding dimension.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="dropout">Dropout between layers.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="relu">Use ReLU instead of tanh.</param>
    public static RecurrentLanguageModel<float> Rnn(int vocabularySize, int hidden = 256, int embedding = 64, int layers = 1,
        double dropout = 0, int seed = 1, bool relu = false) =>
        new(new LanguageModelConfig(vocabularySize, embedding, hidden, layers, relu ? CellKind.RnnRelu : CellKind.Rnn, dropout), seed);
}
