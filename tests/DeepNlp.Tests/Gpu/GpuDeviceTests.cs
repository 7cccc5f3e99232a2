using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class GpuDeviceTests(GpuFixture fixture)
{
    [Fact]
    public void Open_Cpu_ReportsCpuAcceleratorWith16ThreadGroups()
    {
        using var device = GpuDevice.Open(AcceleratorChoice.Cpu);

        Assert.Equal(AcceleratorChoice.Cpu, device.Kind);
        Assert.True(device.IsCpu);
        Assert.Equal(16, device.MaxGroupSize);
        Assert.Equal(4, device.Ops.TileSize);
        Assert.Null(device.FallbackReason);
        Assert.Contains("Cpu accelerator", device.ToString());
    }

    [Fact]
    public void Open_CudaWhenAbsent_FallsBackToCpuAndSaysWhy()
    {
        using var device = GpuDevice.Open(AcceleratorChoice.Cuda);

        if (device.Kind == AcceleratorChoice.Cuda)
            Assert.Null(device.FallbackReason);
        else
        {
            Assert.Equal(AcceleratorChoice.Cpu, device.Kind);
            Assert.Equal("no Cuda device was found.", device.FallbackReason);
        }
    }

    [Fact]
    public void Buffer_UploadDownload_RoundTrips_AndRejectsWrongLength()
    {
        float[] data = [1f, -2f, 3.5f];
        using var buffer = fixture.Device.Upload<float>(data);

        var back = buffer.ToArray();
        var error = Assert.Throws<ArgumentException>(() => buffer.Upload(new float[2]));

        Assert.Equal(data, back);
        Assert.Equal("source", error.ParamName);
    }

    [Fact]
    public void Buffer_AfterDispose_ThrowsObjectDisposed()
    {
        var buffer = fixture.Device.Allocate<float>(4);

        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.View);
    }
}
