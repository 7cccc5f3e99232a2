using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class AcceleratorEnvironmentTests
{
    [Theory]
    [InlineData("cpu", AcceleratorChoice.Cpu)]
    [InlineData(" CUDA ", AcceleratorChoice.Cuda)]
    [InlineData("opencl", AcceleratorChoice.OpenCL)]
    [InlineData("", AcceleratorChoice.Auto)]
    public void FromEnvironment_ReadsDeepNlpAccelerator(string value, AcceleratorChoice expected)
    {
        var saved = Environment.GetEnvironmentVariable(GpuDevice.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(GpuDevice.EnvironmentVariable, value);

            var choice = GpuDevice.FromEnvironment();

            Assert.Equal(expected, choice);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GpuDevice.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void FromEnvironment_UnknownName_ThrowsNamingTheVariable()
    {
        var saved = Environment.GetEnvironmentVariable(GpuDevice.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(GpuDevice.EnvironmentVariable, "tpu");

            var error = Assert.Throws<ArgumentException>(() => GpuDevice.FromEnvironment());

            Assert.Contains("DEEPNLP_ACCELERATOR='tpu'", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GpuDevice.EnvironmentVariable, saved);
        }
    }
}
