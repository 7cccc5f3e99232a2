using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class PaddedBatchTests
{
    [Fact]
    public void Create_PadsToLongestAndMasksPadding()
    {
        int[][] seqs = [[5, 6, 7], [8], []];

        var b = PaddedBatch.Create(seqs, paddingId: 0);

        Assert.Equal(3, b.MaxLength);
        Assert.Equal([5, 6, 7, 8, 0, 0, 0, 0, 0], b.Ids);
        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f], b.Mask);
        Assert.Equal([3, 1, 0], b.Lengths);
        Assert.Equal(4, b.TokenCount);
        Assert.Null(b.TokenLabels!);
        Assert.Null(b.Labels);
    }

    [Fact]
    public void ForTagging_PadsLabelsWithIgnoreLabel()
    {
        int[][] seqs = [[5, 6], [7, 8, 9]];
        int[][] tags = [[1, 2], [3, 4, 5]];

        var b = PaddedBatch.ForTagging(seqs, tags, paddingId: 1);

        Assert.Equal([5, 6, 1, 7, 8, 9], b.Ids);
        Assert.Equal([1, 2, PaddedBatch.IgnoreLabel, 3, 4, 5], b.TokenLabels!);
    }

    [Fact]
    public void ForTagging_LabelLengthMismatch_NamesTheSequence()
    {
        int[][] seqs = [[5, 6], [7, 8, 9]];
        int[][] tags = [[1, 2], [3, 4]];

        var e = Assert.Throws<ArgumentException>(() => PaddedBatch.ForTagging(seqs, tags, paddingId: 0));

        Assert.Contains("Sequence 1 has 3 tokens but 2 labels", e.Message);
    }

    [Fact]
    public void ForClassification_KeepsOneLabelPerRow()
    {
        int[][] seqs = [[5], [6, 7]];

        var b = PaddedBatch.ForClassification(seqs, [1, 0], paddingId: 0);

        Assert.Equal([1, 0], b.Labels!);
        Assert.Equal([5, 0, 6, 7], b.Ids);
    }

    [Fact]
    public void BatchIndices_SameSeedSamePartition_CoversEveryIndexOnce()
    {
        var a = PaddedBatch.BatchIndices(23, 5, seed: 9);
        var b = PaddedBatch.BatchIndices(23, 5, seed: 9);

        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 23), a.SelectMany(x => x).Order());
        Assert.Equal([5, 5, 5, 5, 3], a.Select(x => x.Length));
        Assert.NotEqual(Enumerable.Range(0, 23), a.SelectMany(x => x));
    }

    [Fact]
    public void BatchIndices_NoSeed_KeepsOrder()
    {
        var a = PaddedBatch.BatchIndices(7, 3, seed: null);

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], a);
    }
}
