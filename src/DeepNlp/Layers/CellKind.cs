namespace DeepNlp.Layers;

/// <summary>Which recurrent cell a stack or model uses.</summary>
public enum CellKind
{
    /// <summary>Elman RNN with tanh (nn.RNN).</summary>
    Rnn,

    /// <summary>Elman RNN with ReLU (nn.RNN, nonlinearity='relu').</summary>
    RnnRelu,

    /// <summary>Long short-term memory (nn.LSTM).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (nn.GRU).</summary>
    Gru,
}
