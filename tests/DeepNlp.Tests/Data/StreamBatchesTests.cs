using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class BpttBatchesTests
{
    private static int[] Stream(int n) => Enumerable.Range(0, n).ToArray();

    [Fact]
    public void Batches_RowContinuesWherePreviousBatchEnded()
    {
        var ids = Stream(1000);

        var batches = new BpttBatches(ids, batchSize: 4, steps: 7).ToList();

        for (int k = 0; k + 1 < batches.Count; k++)
        for (int r = 0; r < 4; r++)
        {
            int lastInput = batches[k].Input(r, 6);
            Assert.Equal(lastInput + 1, batches[k + 1].Input(r, 0));
            Assert.Equal(batches[k].Target(r, 6), batches[k + 1].Input(r, 0));
        }
    }

    [Fact]
    public void Batches_TargetsAreInputsShiftedByOne()
    {
        var rng = new Random(3);
        var ids = Enumerable.Range(0, 503).Select(_ => rng.Next(50)).ToArray();

        var batches = new BpttBatches(ids, batchSize: 5, steps: 9);

        foreach (var b in batches)
        for (int r = 0; r < b.BatchSize; r++)
        for (int t = 0; t < b.Steps; t++)
        {
            Assert.Equal(ids[b.Offsets[r] + t], b.Input(r, t));
            Assert.Equal(ids[b.Offsets[r] + t + 1], b.Target(r, t));
        }
    }

    [Fact]
    public void Batches_RowsAreContiguousEqualSlicesOfTheStream()
    {
        // 103 tokens into 4 rows: 25 per row, 3 dropped; 24 (input, target) pairs per row -> 4 batches of 6 steps.
        var ids = Stream(103);

        var bptt = new BpttBatches(ids, batchSize: 4, steps: 6);

        Assert.Equal(25, bptt.RowLength);
        Assert.Equal(4, bptt.BatchesPerEpoch);
        Assert.Equal([0, 25, 50, 75], bptt[0].Offsets);
        Assert.Equal([18, 43, 68, 93], bptt[3].Offsets);
        Assert.Equal([18, 19, 20, 21, 22, 23], bptt[3].Inputs[..6]);
        Assert.Equal([19, 20, 21, 22, 23, 24], bptt[3].Targets[..6]);
        Assert.Equal(4L * 6 * 4, bptt.TokensPerEpoch);
    }

    [Fact]
    public void Batches_KeepLast_YieldsAShorterFinalBatch()
    {
        var ids = Stream(103);

        var bptt = new BpttBatches(ids, batchSize: 4, steps: 7, dropLast: false);

        var last = bptt.Last();
        Assert.Equal(4, bptt.BatchesPerEpoch);
        Assert.Equal(3, last.Steps);
        Assert.Equal([21, 22, 23, 46, 47, 48, 71, 72, 73, 96, 97, 98], last.Inputs);
        Assert.Equal(24L * 4, bptt.TokensPerEpoch);
    }

    [Fact]
    public void Batches_EveryTargetOfTheKeptRowsIsPredictedExactlyOnce_WithKeepLast()
    {
        var ids = Stream(200);

        var bptt = new BpttBatches(ids, batchSize: 3, steps: 8, dropLast: false);

        var targets = bptt.SelectMany(b => b.Targets).Order().ToArray();
        var expected = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(r * 66 + 1, 65)).Order().ToArray();
        Assert.Equal(expected, targets);
    }

    [Fact]
    public void Constructor_StreamTooShortForOneBatch_ThrowsNamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new BpttBatches(Stream(20), batchSize: 4, steps: 5));

        Assert.Contains("20 tokens", e.Message);
        Assert.Equal("ids", e.ParamName);
    }

    [Fact]
    public void InputsAt_GivesOneTimeStepAcrossRows()
    {
        var b = new BpttBatches(Stream(103), batchSize: 4, steps: 6)[1];

        Assert.Equal([8, 33, 58, 83], b.InputsAt(2));
        Assert.Equal([9, 34, 59, 84], b.TargetsAt(2));
    }
}
