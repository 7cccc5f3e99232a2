using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Updates parameters from their gradients; subclasses are SGD (with momentum), Adagrad and Adam.</summary>
/// <remarks>State buffers are named <c>kind/parameter</c> (e.g. <c>m/lstm0.W_hh</c>) so checkpoints save and restore them.</remarks>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an optimizer over a fixed parameter list.</summary>
    protected Optimizer(IReadOnlyList<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        LearningRate = learningRate;
    }

    /// <summary>The parameters updated by <see cref="Step"/>.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Current learning rate (a schedule may change it between steps).</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of completed steps (Adam's t).</summary>
    public long StepCount { get; set; }

    /// <summary>Short name, stored in checkpoints.</summary>
    public abstract string Kind { get; }

    /// <summary>Applies one update from the current gradients.</summary>
    public void Step()
    {
        StepCount++;
        for (int p = 0; p < Parameters.Count; p++) Update(p, Parameters[p]);
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Named state buffers (e.g. Adam's m and v), for checkpoints.</summary>
    public abstract IReadOnlyList<NamedBuffer<T>> State { get; }

    /// <summary>Updates one parameter.</summary>
    protected abstract void Update(int index, Parameter<T> p);

    /// <summary>One zeroed buffer per parameter, named <c>prefix/parameter</c>.</summary>
    protected NamedBuffer<T>[] Buffers(string prefix) => [.. Parameters.Select(p => new NamedBuffer<T>($"{prefix}/{p.Name}", new T[p.Length]))];
}
