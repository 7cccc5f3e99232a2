using DeepNlp.Evaluation;
using DeepNlp.Training;
using Plotly.NET;
using PChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace DeepNlp.Charts;

/// <summary>Charts for training and the vanishing-gradient diagnostics (loss curves, gradient flow, heatmaps, gates).</summary>
public static partial class Charts
{
    /// <summary>Training loss per step and validation loss at each evaluation, in nats per token.</summary>
    /// <param name="run">A finished (or running) training run.</param>
    /// <param name="smoothing">Moving-average window over the per-step training loss (1 = raw).</param>
    public static GenericChart LossCurve(TrainingRun run, int smoothing = 20)
    {
        ArgumentNullException.ThrowIfNull(run);
        var steps = Enumerable.Range(run.StartStep + 1, run.StepLosses.Count).Select(s => (double)s).ToArray();
        var smooth = MovingAverage(run.StepLosses, Math.Max(1, smoothing));
        var train = PChart.Line<double, double, string>(steps, smooth, Name: "train");
        var charts = new List<GenericChart> { train };
        if (run.Validation.Count > 0)
            charts.Add(PChart.Line<double, double, string>(run.Validation.Select(v => (double)v.Step), run.Validation.Select(v => v.Loss),
                Name: "validation", ShowMarkers: true));
        return PChart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "step")
            .WithYAxisStyle<double, double, string>(TitleText: "loss (nats/token)")
            .With(c => Titled(c, "Loss"));
    }

    /// <summary>‖∂L_T/∂h_t‖ against t (log scale): how much of the last step's loss signal reaches each earlier state.</summary>
    /// <param name="norms">One norm per step (from <see cref="SequenceDiagnostics.HiddenGradientNorms{T}"/>).</param>
    /// <param name="name">Series name (e.g. the cell kind), for overlaying several models with <see cref="Combine"/>.</param>
    public static GenericChart GradientFlow(IReadOnlyList<double> norms, string name = "‖∂L_T/∂h_t‖") =>
        PChart.Line<double, double, string>(Enumerable.Range(1, norms.Count).Select(t => (double)t), norms, Name: name)
            .WithXAxisStyle<double, double, string>(TitleText: "t")
            .WithYAxisStyle<double, double, string>(TitleText: "gradient norm", AxisType: StyleParam.AxisType.Log)
            .With(c => Titled(c, "Gradient reaching h_t from the loss at T"));

    /// <summary>The spectral norm of ∂h_t/∂h_{t-1} per step, with the line 1 that separates shrinking from growing.</summary>
    /// <param name="norms">One norm per step (from <see cref="SequenceDiagnostics.StepJacobianNorms{T}"/>).</param>
    public static GenericChart StepJacobianNorms(IReadOnlyList<double> norms)
    {
        var t = Enumerable.Range(1, norms.Count).Select(i => (double)i).ToArray();
        return PChart.Combine([
                PChart.Line<double, double, string>(t, norms, Name: "‖∂h_t/∂h_{t-1}‖₂", ShowMarkers: true),
                PChart.Line<double, double, string>(t, t.Select(_ => 1.0), Name: "1"),
            ])
            .WithXAxisStyle<double, double, string>(TitleText: "t")
            .WithYAxisStyle<double, double, string>(TitleText: "spectral norm")
            .With(c => Titled(c, "Step Jacobian spectral norms"));
    }

    /// <summary>A heatmap of a matrix (rows top to bottom), e.g. hidden activations [time, hidden] or attention-like scores.</summary>
    /// <param name="values">Rows of values.</param>
    /// <param name="rowLabels">Labels of the rows, or null for indices.</param>
    /// <param name="columnLabels">Labels of the columns, or null for indices.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Heatmap(IReadOnlyList<IReadOnlyList<double>> values, IReadOnlyList<string>? rowLabels = null,
        IReadOnlyList<string>? columnLabels = null, string title = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        int cols = values.Count == 0 ? 0 : values[0].Count;
        var x = columnLabels ?? [.. Enumerable.Range(0, cols).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var y = rowLabels ?? [.. Enumerable.Range(0, values.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return Titled(PChart.Heatmap<double, string, string, string>(values.Select(r => r.AsEnumerable()), X: new Optional<IEnumerable<string>>(x, true), Y: new Optional<IEnumerable<string>>(y, true), ReverseYAxis: true), title);
    }

    /// <summary>Histograms of gate activations, one line per gate (from <see cref="SequenceDiagnostics.Gates{T}"/>).</summary>
    /// <remarks>A forget gate piled up near 1 keeps its memory; an input gate near 0 ignores the input.</remarks>
    public static GenericChart GateActivations(IReadOnlyList<GateStatistics> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var charts = gates.Select(g =>
        {
            bool tanh = g.Gate is "g" or "n";
            double min = tanh ? -1 : 0, width = (1 - min) / g.Histogram.Length;
            long total = Math.Max(1, g.Histogram.Sum(c => (long)c));
            return PChart.Line<double, double, string>(
                Enumerable.Range(0, g.Histogram.Length).Select(i => min + (i + 0.5) * width),
                g.Histogram.Select(c => (double)c / total), Name: $"{g.Gate} (mean {g.Mean:F2})", ShowMarkers: true);
        });
        return PChart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "activation")
            .WithYAxisStyle<double, double, string>(TitleText: "fraction")
            .With(c => Titled(c, "Gate activations"));
    }

    /// <summary>Each parameter's gradient norm over training (recorded with <see cref="TrainingOptions.TrackGradientNorms"/>).</summary>
    public static GenericChart ParameterGradientNorms(TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var steps = run.Reports.Select(r => (double)r.Step).ToArray();
        var charts = run.GradientNorms.Select(kv =>
            PChart.Line<double, double, string>(steps.Take(kv.Value.Count), kv.Value, Name: kv.Key));
        return PChart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "step")
            .WithYAxisStyle<double, double, string>(TitleText: "‖∂L/∂θ‖", AxisType: StyleParam.AxisType.Log)
            .With(c => Titled(c, "Gradient norm per parameter"));
    }

    /// <summary>Overlays several charts (e.g. gradient flow of an RNN, an LSTM and a GRU).</summary>
    public static GenericChart Combine(params GenericChart[] charts) => PChart.Combine(charts);

    private static GenericChart Titled(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(chart);

    private static GenericChart With(this GenericChart chart, Func<GenericChart, GenericChart> f) => f(chart);

    private static double[] MovingAverage(IReadOnlyList<double> x, int window)
    {
        var result = new double[x.Count];
        double sum = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sum += x[i];
            if (i >= window) sum -= x[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}
