using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class SoftmaxEmbeddingTests(GpuFixture fixture)
{
    private readonly GpuDevice _device = fixture.Device;

    [Fact]
    public void SoftmaxCrossEntropy_MatchesReference_WithMaskAndHugeLogits()
    {
        const int rows = 5, classes = 7;
        var logits = Reference.Random(rows * classes, 4, 3);
        for (int k = 0; k < classes; k++) logits[3 * classes + k] += 1000f;
        int[] targets = [2, 0, -1, 6, 3];
        using var dl = _device.Upload<float>(logits);
        using var dt = _device.Upload<int>(targets);
        using var grad = _device.Allocate<float>(rows * classes);
        using var loss = _device.Allocate<float>(rows);

        _device.Ops.SoftmaxCrossEntropy(dl, dt, grad, loss, 0.25f);

        var expectedGrad = new double[rows * classes];
        var expectedLoss = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            if (targets[r] < 0) continue;
            double max = Enumerable.Range(0, classes).Max(k => (double)logits[r * classes + k]);
            double sum = Enumerable.Range(0, classes).Sum(k => Math.Exp(logits[r * classes + k] - max));
            for (int k = 0; k < classes; k++)
                expectedGrad[r * classes + k] = 0.25 * (Math.Exp(logits[r * classes + k] - max) / sum - (k == targets[r] ? 1 : 0));
            expectedLoss[r] = max + Math.Log(sum) - logits[r * classes + targets[r]];
        }
        Reference.AssertClose(expectedGrad, grad.ToArray(), 1e-5, "gradient");
        Reference.AssertClose(expectedLoss, loss.ToArray(), 1e-5, "loss");
    }

    [Fact]
    public void EmbeddingGather_CopiesRowsOfTable()
    {
        const int vocab = 6, dim = 3;
        var table = Reference.Random(vocab * dim, 5);
        int[] ids = [4, 0, 4, 5];
        using var dtable = _device.Upload<float>(table);
        using var dids = _device.Upload<int>(ids);
        using var output = _device.Allocate<float>(ids.Length * dim);

        _device.Ops.EmbeddingGather(dtable, dids, output);

        var expected = ids.SelectMany(id => table.Skip(id * dim).Take(dim)).ToArray();
        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public void EmbeddingScatterAdd_SumsRepeatedIds()
    {
        const int vocab = 6, dim = 3;
        int[] ids = [4, 0, 4, 5, 4];
        var gradOut = Reference.Random(ids.Length * dim, 6);
        var start = Reference.Random(vocab * dim, 7);
        using var dgrad = _device.Upload<float>(gradOut);
        using var dids = _device.Upload<int>(ids);
        using var table = _device.Upload<float>(start);

        _device.Ops.EmbeddingScatterAdd(dgrad, dids, table);

        var expected = start.Select(x => (double)x).ToArray();
        for (int r = 0; r < ids.Length; r++)
            for (int e = 0; e < dim; e++) expected[ids[r] * dim + e] += gradOut[r * dim + e];
        Reference.AssertClose(expected, table.ToArray(), 1e-6, "table");
    }
}
