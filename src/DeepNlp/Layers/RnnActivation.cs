namespace DeepNlp.Layers;

/// <summary>The nonlinearity of an Elman RNN (nn.RNN's <c>nonlinearity</c> argument).</summary>
public enum RnnActivation
{
    /// <summary>h_t = tanh(z_t).</summary>
    Tanh,

    /// <summary>h_t = max(0, z_t).</summary>
    Relu,
}
