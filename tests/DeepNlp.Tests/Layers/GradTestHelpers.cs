using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

/// <summary>Builds random-projection losses around a recurrent layer so every output and state gets a distinct gradient.</summary>
internal static class GradTestHelpers
{
    public const double Tolerance = 1e-6;

    public static Parameter<double> RandomParameter(string name, int n, Random rng, double scale = 1)
    {
        var p = new Parameter<double>(name, n);
        Init.Uniform<double>(p.Value, -scale, scale, rng);
        return p;
    }

    /// <summary>L = Σ wOut⊙h_{1..T} + Σ wH⊙h_T + Σ wC⊙c_T; checks every parameter, x, h0 and c0.</summary>
    public static GradientCheckResult CheckRecurrent(IRecurrentLayer<double> layer, int time, int batch, int seed, bool training = false,
        Action? beforeForward = null)
    {
        var rng = new Random(seed);
        int S = layer.Layers * batch * layer.HiddenSize;
        var x = RandomParameter("x", time * batch * layer.InputSize, rng);
        var h0 = RandomParameter("h0", S, rng, 0.5);
        var c0 = RandomParameter("c0", S, rng, 0.5);
        var wOut = RandomParameter("wOut", time * batch * layer.HiddenSize, rng).Value;
        var wH = RandomParameter("wH", S, rng).Value;
        var wC = RandomParameter("wC", S, rng).Value;

        double Loss()
        {
            beforeForward?.Invoke();
            var cache = layer.Forward(x.Value, time, batch, h0.Value, layer.HasCell ? c0.Value : default, training);
            double l = Ops.Dot<double>(cache.Output, wOut) + Ops.Dot<double>(cache.HiddenAt(time), wH);
            if (layer.HasCell) l += Ops.Dot<double>(cache.CellAt(time), wC);
            return l;
        }

        void Backward()
        {
            beforeForward?.Invoke();
            var cache = layer.Forward(x.Value, time, batch, h0.Value, layer.HasCell ? c0.Value : default, training);
            layer.Backward(cache, wOut, wH, layer.HasCell ? wC : default, x.Grad, h0.Grad, layer.HasCell ? c0.Grad : default);
        }

        var all = layer.Parameters.Concat(layer.HasCell ? [x, h0, c0] : new[] { x, h0 }).ToList();
        return GradientCheck.Run(all, Loss, Backward);
    }
}
