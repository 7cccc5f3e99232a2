using DeepNlp.Gpu;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Tests.Gpu;

/// <summary>Kernels written in notebook cells: Roslyn compiles each cell into a submission class in an in-memory
/// assembly, and ILGPU must read the IL of methods defined there.</summary>
[Collection("Gpu")]
public sealed class ScriptKernelTests(GpuFixture fixture)
{
    public sealed class Globals
    {
        public required GpuDevice Device { get; init; }
    }

    private Task<float[]> Run(string cell) => CSharpScript.EvaluateAsync<float[]>(cell,
        ScriptOptions.Default.AddReferences(typeof(GpuDevice).Assembly, typeof(ILGPU.Context).Assembly)
            .AddImports("System", "ILGPU", "ILGPU.Runtime", "DeepNlp.Gpu"),
        new Globals { Device = fixture.Device });

    [Fact]
    // Top-level `using var` is not allowed in script code, so the cells dispose explicitly.
    public async Task StaticMethodInScript_LoadsAndRuns()
    {
        const string cell = """
            static void AddOne(Index1D i, ArrayView<float> x) { x[i] += 1f; }
            var buffer = Device.Upload<float>(new float[] { 1f, 2f, 3f });
            var kernel = Device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>>(AddOne);
            kernel(buffer.Length, buffer.View);
            var result = buffer.ToArray();
            buffer.Dispose();
            return result;
            """;

        var result = await Run(cell);

        Assert.Equal([2f, 3f, 4f], result);
    }

    [Fact]
    public async Task NonCapturingLambdaInScript_LoadsAndRuns()
    {
        const string cell = """
            var buffer = Device.Upload<float>(new float[] { 1f, 2f });
            var kernel = Device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>>((i, x) => x[i] *= 10f);
            kernel(buffer.Length, buffer.View);
            var result = buffer.ToArray();
            buffer.Dispose();
            return result;
            """;

        var result = await Run(cell);

        Assert.Equal([10f, 20f], result);
    }

    [Fact]
    public async Task CapturingLambdaInScript_IsRejectedByIlgpu()
    {
        const string cell = """
            float step = 5f;
            var buffer = Device.Upload<float>(new float[] { 1f });
            var kernel = Device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>>((i, x) => x[i] += step);
            kernel(buffer.Length, buffer.View);
            var result = buffer.ToArray();
            buffer.Dispose();
            return result;
            """;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Run(cell));

        Assert.Contains("non-capturing lambdas", error.Message);
    }
}
