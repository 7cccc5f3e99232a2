using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Adagrad (Duchi et al. 2011) as in karpathy's min-char-rnn: G += g², θ -= lr·g/√(G + ε).</summary>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NamedBuffer<T>[] _g;

    /// <summary>Creates Adagrad.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="learningRate">lr (min-char-rnn uses 0.1).</param>
    /// <param name="epsilon">ε added to √G.</param>
    public Adagrad(IReadOnlyList<Parameter<T>> parameters, double learningRate = 0.1, double epsilon = 1e-8) : base(parameters, learningRate)
    {
        Epsilon = epsilon;
        _g = Buffers("G");
    }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public override string Kind => "adagrad";

    /// <inheritdoc />
    public override IReadOnlyList<NamedBuffer<T>> State => _g;

    /// <inheritdoc />
    protected override void Update(int index, Parameter<T> p) => Ops.AdagradUpdate<T>(p.Value, p.Grad, _g[index].Values, LearningRate, Epsilon);
}
