using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

/// <summary>A random-projection loss L = Σ w ⊙ context around an attention layer, checked on its parameters, queries and memory.</summary>
internal static class AttentionTestHelpers
{
    public const int Batch = 2, Queries = 3, Keys = 4;

    // Row 0 sees all 4 keys; row 1 only the first 2 (right padding).
    public static readonly bool[] Mask = [true, true, true, true, true, true, false, false];

    public static (GradientCheckResult Result, Parameter<double> Memory) Check(IAttention<double> attention, bool[] mask, int seed)
    {
        var rng = new Random(seed);
        var q = GradTestHelpers.RandomParameter("queries", Batch * Queries * attention.QuerySize, rng);
        var m = GradTestHelpers.RandomParameter("memory", Batch * Keys * attention.MemorySize, rng);
        var w = GradTestHelpers.RandomParameter("w", Batch * Queries * attention.MemorySize, rng).Value;
        var context = new double[w.Length];

        double Loss()
        {
            attention.Forward(q.Value, m.Value, mask, Batch, Queries, Keys, context);
            return Ops.Dot<double>(context, w);
        }

        void Backward()
        {
            Loss();
            var dq = new double[q.Length]; var dm = new double[m.Length];
            attention.Backward(w, dq, dm);
            Ops.AddInPlace<double>(dq, q.Grad); Ops.AddInPlace<double>(dm, m.Grad);
        }

        return (GradientCheck.Run([.. attention.Parameters, q, m], Loss, Backward), m);
    }

    public static double[] RunWeights(IAttention<double> attention, bool[] mask, int seed)
    {
        var rng = new Random(seed);
        var q = new double[Batch * Queries * attention.QuerySize];
        var m = new double[Batch * Keys * attention.MemorySize];
        Init.Uniform<double>(q, -2, 2, rng); Init.Uniform<double>(m, -2, 2, rng);
        attention.Forward(q, m, mask, Batch, Queries, Keys, new double[Batch * Queries * attention.MemorySize]);
        return attention.Weights.ToArray();
    }
}
