using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Stochastic gradient descent, optionally with momentum as torch.optim.SGD: u = μu + g, θ -= lr·u.</summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NamedBuffer<T>[] _u;

    /// <summary>Creates SGD.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="momentum">μ (0 = plain SGD).</param>
    public Sgd(IReadOnlyList<Parameter<T>> parameters, double learningRate, double momentum = 0) : base(parameters, learningRate)
    {
        Momentum = momentum;
        _u = Buffers("u");
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <inheritdoc />
    public override string Kind => "sgd";

    /// <inheritdoc />
    public override IReadOnlyList<NamedBuffer<T>> State => _u;

    /// <inheritdoc />
    protected override void Update(int index, Parameter<T> p)
    {
        if (Momentum == 0) Ops.Axpy(T.CreateTruncating(-LearningRate), p.Grad, p.Value);   // θ -= lr·g
        else Ops.MomentumUpdate<T>(p.Value, p.Grad, _u[index].Values, LearningRate, Momentum);
    }
}
