using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class GemmTimingTests(GpuFixture fixture)
{
    [Fact]
    public void Gflops_IsTwoNCubedPerNanosecondScale()
    {
        var timing = new GemmTiming(GemmKernel.Tiled, "x", 1000, 2.0);

        Assert.Equal(1000.0, timing.Gflops, 9);
    }

    [Fact]
    public void Measure_NaiveAtSize8_ReportsSizeKernelAndPositiveTime()
    {
        var timing = GemmTiming.Measure(fixture.Device, GemmKernel.Naive, 8, repeats: 1);

        Assert.Equal(8, timing.Size);
        Assert.Equal(GemmKernel.Naive, timing.Kernel);
        Assert.InRange(timing.Milliseconds, 1e-6, 60_000);
    }

    [Fact]
    public void GemmThroughputChart_HasOneTracePerKernelAndDevice()
    {
        GemmTiming[] timings =
        [
            new(GemmKernel.Naive, "Cpu accelerator", 32, 1), new(GemmKernel.Naive, "Cpu accelerator", 64, 5),
            new(GemmKernel.Tiled, "Cpu accelerator", 32, 2), new(GemmKernel.Cpu, "CPU (Ops.Gemm)", 32, 0.1),
        ];

        var chart = DeepNlp.Charts.Charts.GemmThroughput(timings);

        Assert.Equal(3, Plotly.NET.CSharp.GenericChartExtensions.GetTraces(chart).Count());
    }
}
