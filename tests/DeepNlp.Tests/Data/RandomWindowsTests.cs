using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class RandomWindowsTests
{
    private static readonly int[] Ids = Enumerable.Range(0, 5000).Select(i => i * 7 % 101).ToArray();

    [Fact]
    public void Epoch_SameSeed_GivesSameBatches()
    {
        var a = new RandomWindows(Ids, batchSize: 8, steps: 16, seed: 42);
        var b = new RandomWindows(Ids, batchSize: 8, steps: 16, seed: 42);

        var ea = a.Epoch(2).ToList();
        var eb = b.Epoch(2).ToList();

        Assert.Equal(ea.Count, eb.Count);
        for (int k = 0; k < ea.Count; k++)
        {
            Assert.Equal(ea[k].Offsets, eb[k].Offsets);
            Assert.Equal(ea[k].Inputs, eb[k].Inputs);
        }
    }

    [Fact]
    public void Epoch_DifferentSeedsOrEpochs_GiveDifferentOffsets()
    {
        var a = new RandomWindows(Ids, batchSize: 8, steps: 16, seed: 1);
        var b = new RandomWindows(Ids, batchSize: 8, steps: 16, seed: 2);

        Assert.NotEqual(a.Epoch(0).First().Offsets, b.Epoch(0).First().Offsets);
        Assert.NotEqual(a.Epoch(0).First().Offsets, a.Epoch(1).First().Offsets);
    }

    [Fact]
    public void Enumeration_NthForeach_IsEpochN()
    {
        var w = new RandomWindows(Ids, batchSize: 4, steps: 10, seed: 7);

        var first = w.Select(b => b.Offsets).ToList();
        var second = w.Select(b => b.Offsets).ToList();

        Assert.Equal(w.Epoch(0).Select(b => b.Offsets), first);
        Assert.Equal(w.Epoch(1).Select(b => b.Offsets), second);
    }

    [Fact]
    public void Windows_TargetsAreInputsShiftedByOne_AndStayInsideTheStream()
    {
        var w = new RandomWindows(Ids, batchSize: 8, steps: 16, seed: 5);

        foreach (var b in w.Epoch(0))
        for (int r = 0; r < b.BatchSize; r++)
        {
            Assert.InRange(b.Offsets[r], 0, Ids.Length - 17);
            for (int t = 0; t < b.Steps; t++)
            {
                Assert.Equal(Ids[b.Offsets[r] + t], b.Input(r, t));
                Assert.Equal(Ids[b.Offsets[r] + t + 1], b.Target(r, t));
            }
        }
        Assert.Equal(5000 / (8 * 16), w.BatchesPerEpoch);
    }
}
