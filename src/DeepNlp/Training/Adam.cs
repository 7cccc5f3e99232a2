using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Adam (Kingma &amp; Ba 2015) exactly as torch.optim.Adam with default options (no weight decay, no AMSGrad).</summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NamedBuffer<T>[] _m, _v;

    /// <summary>Creates Adam.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="learningRate">lr (2e-3 is karpathy's char-rnn default).</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    public Adam(IReadOnlyList<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
        _m = Buffers("m"); _v = Buffers("v");
    }

    /// <summary>β1.</summary>
    public double Beta1 { get; }

    /// <summary>β2.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public override string Kind => "adam";

    /// <inheritdoc />
    public override IReadOnlyList<NamedBuffer<T>> State => [.. _m, .. _v];

    /// <inheritdoc />
    protected override void Update(int index, Parameter<T> p) =>
        Ops.AdamUpdate<T>(p.Value, p.Grad, _m[index].Values, _v[index].Values, LearningRate, Beta1, Beta2, Epsilon,
            1 - Math.Pow(Beta1, StepCount), 1 - Math.Pow(Beta2, StepCount));
}
