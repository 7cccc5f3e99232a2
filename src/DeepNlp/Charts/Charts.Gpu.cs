using DeepNlp.Gpu;
using Plotly.NET;

namespace DeepNlp.Charts;

/// <summary>Plotly charts for the kit's results; one file per area.</summary>
public static partial class Charts
{
    /// <summary>GFLOP/s against matrix size, one line per kernel and device (naive vs tiled vs CPU GEMM).</summary>
    /// <param name="timings">Measurements, e.g. from <see cref="GemmTiming.Measure"/>.</param>
    /// <returns>A line chart; log-scaled y, since kernels differ by orders of magnitude.</returns>
    /// <remarks>Used in <c>notebooks/09_gpu_with_ilgpu.ipynb</c>.</remarks>
    public static GenericChart GemmThroughput(IEnumerable<GemmTiming> timings)
    {
        var lines = timings.GroupBy(t => $"{t.Kernel} · {t.Device}")
            .Select(g =>
            {
                var points = g.OrderBy(t => t.Size).ToArray();
                return Plotly.NET.CSharp.Chart.Line<int, double, string>(
                    x: points.Select(t => t.Size), y: points.Select(t => t.Gflops), ShowMarkers: true, Name: g.Key);
            })
            .ToArray();
        return Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(
            Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<int, int, string>(
                Plotly.NET.CSharp.Chart.Combine(lines), TitleText: "matrix size n"),
            TitleText: "GFLOP/s", AxisType: StyleParam.AxisType.Log);
    }
}
