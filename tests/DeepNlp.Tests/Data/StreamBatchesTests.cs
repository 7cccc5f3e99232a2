using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class StreamBatchesTests
{
    private static int[] Stream(int n) => Enumerable.Range(0, n).ToArray();

    [Fact]
    public void Batches_RowContinuesWherePreviousBatchEnded()
    {
        var ids = Stream(1000);

        var batches = new StreamBatches(ids, batch: 4, time: 7).ToList();

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

        var batches = new StreamBatches(ids, batch: 5, time: 9);

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
        // 103 tokens, 102 (input, target) pairs, into 4 rows of 25 pairs; 4 windows of 6 steps, the last 1 step dropped.
        var ids = Stream(103);

        var batches = new StreamBatches(ids, batch: 4, time: 6);

        Assert.Equal(25, batches.StreamLength);
        Assert.Equal(4, batches.Count);
        Assert.Equal([0, 25, 50, 75], batches[0].Offsets);
        Assert.Equal([18, 43, 68, 93], batches[3].Offsets);
        Assert.Equal([18, 19, 20, 21, 22, 23], batches[3].Inputs[..6]);
        Assert.Equal([19, 20, 21, 22, 23, 24], batches[3].Targets[..6]);
    }

    [Fact]
    public void BatchAt_WrapsAroundAnEpoch_AndFillGivesTheSameIds()
    {
        var batches = new StreamBatches(Stream(103), batch: 4, time: 6);
        var inputs = new int[24]; var targets = new int[24];

        var wrapped = batches.BatchAt(4 + 2);
        batches.Fill(2, inputs, targets);

        Assert.Equal(2, wrapped.Index);
        Assert.Equal(batches[2].Inputs, wrapped.Inputs);
        Assert.Equal(wrapped.Inputs, inputs);
        Assert.Equal(wrapped.Targets, targets);
    }

    [Fact]
    public void BackpropLength_SpansK2Steps_ScoresTheNewestK1_AndCarriesToWhereTheNextSpanStarts()
    {
        var batches = new StreamBatches(Stream(1000), batch: 3, time: 4, backpropLength: 10);

        var third = batches.BatchAt(3);
        var fourth = batches.BatchAt(4);

        Assert.Equal(10, third.Steps);                                  // steps 6..15 end where window 3 ends (16)
        Assert.Equal(6, third.ScoredFrom);                              // only the newest k1 = 4 are scored
        Assert.Equal(12, third.TokenCount);
        Assert.Equal(third.Offsets.Select(o => o + third.CarryAt!.Value), fourth.Offsets);
        Assert.Equal([0, 0, 0], batches.BatchAt(0).Offsets.Select((o, r) => o - r * batches.StreamLength));
        Assert.Equal(4, batches.BatchAt(0).Steps);                      // the first windows are shorter than k2
    }

    [Fact]
    public void DisjointWindows_CarryTheFinalState()
    {
        var b = new StreamBatches(Stream(500), batch: 2, time: 5)[3];

        Assert.Equal(0, b.ScoredFrom);
        Assert.Equal(5, b.CarryAt);
    }

    [Fact]
    public void Constructor_StreamTooShortForOneWindow_ThrowsNamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new StreamBatches(Stream(20), batch: 4, time: 5));

        Assert.Contains("20 tokens", e.Message);
        Assert.Equal("tokens", e.ParamName);
    }

    [Fact]
    public void Constructor_BackpropShorterThanWindow_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new StreamBatches(Stream(200), batch: 2, time: 5, backpropLength: 4));

        Assert.Equal("backpropLength", e.ParamName);
    }

    [Fact]
    public void InputsAt_GivesOneTimeStepAcrossRows()
    {
        var b = new StreamBatches(Stream(103), batch: 4, time: 6)[1];

        Assert.Equal([8, 33, 58, 83], b.InputsAt(2));
        Assert.Equal([9, 34, 59, 84], b.TargetsAt(2));
    }
}
