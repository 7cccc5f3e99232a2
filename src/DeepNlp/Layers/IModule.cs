using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Anything that owns trainable parameters: a layer, a stack of layers, a whole model.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
public interface IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The trainable parameters, in a fixed order (checkpoints and optimizers rely on it).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }
}
