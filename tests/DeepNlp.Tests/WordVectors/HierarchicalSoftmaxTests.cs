using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class HierarchicalSoftmaxTests
{
    private static readonly long[] Counts = [50, 20, 20, 7, 5, 3, 1];

    [Fact]
    public void Loss_MatchesCentralDifferences_Float64()
    {
        const int d = 4;
        var tree = HierarchicalSoftmax.Build(Counts);
        var h = GradientCheck.Random(d, 1);
        var nodes = GradientCheck.Random(tree.InnerNodeCount * d, 2);

        for (int word = 0; word < Counts.Length; word++)
        {
            var dH = new double[d];
            var dNodes = new double[nodes.Length];
            tree.Loss<double>(h, nodes, word, dH, dNodes);
            double Loss() => tree.Loss<double>(h, nodes, word, new double[d], new double[nodes.Length]);
            var numH = GradientCheck.Numeric(h, Loss);
            var numNodes = GradientCheck.Numeric(nodes, Loss);

            Assert.True(GradientCheck.MaxRelativeError(dH, numH) < GradientCheck.Tolerance, $"word {word}: h error {GradientCheck.MaxRelativeError(dH, numH)}");
            Assert.True(GradientCheck.MaxRelativeError(dNodes, numNodes) < GradientCheck.Tolerance, $"word {word}: node error {GradientCheck.MaxRelativeError(dNodes, numNodes)}");
        }
    }

    [Fact]
    public void LeafProbabilities_SumToOne_AndLossIsMinusLogOfEach()
    {
        const int d = 3;
        var tree = HierarchicalSoftmax.Build(Counts);
        var h = GradientCheck.Random(d, 3, scale: 2);
        var nodes = GradientCheck.Random(tree.InnerNodeCount * d, 4, scale: 2);

        var p = tree.LeafProbabilities(h, nodes);

        Assert.Equal(1.0, p.Sum(), 12);
        for (int w = 0; w < Counts.Length; w++)
            Assert.Equal(-Math.Log(p[w]), tree.Loss<double>(h, nodes, w, new double[d], new double[nodes.Length]), 10);
    }

    [Fact]
    public void Build_FourEqualCounts_GivesBalancedTreeWithDistinctCodes()
    {
        var tree = HierarchicalSoftmax.Build([1L, 1, 1, 1]);

        var codes = Enumerable.Range(0, 4).Select(w => string.Concat(tree.Code(w))).ToList();

        Assert.All(codes, c => Assert.Equal(2, c.Length));
        Assert.Equal(4, codes.Distinct().Count());
        Assert.All(Enumerable.Range(0, 4), w => Assert.Equal(2, tree.Path(w)[0]));   // root is inner node V - 2
    }

    [Fact]
    public void Build_FrequentWord_SitsNearestTheRoot_AndMeanCodeLengthIsHuffmans()
    {
        var tree = HierarchicalSoftmax.Build(Counts);

        // Huffman merges for 50,20,20,7,5,3,1: 1+3=4, 4+5=9, 7+9=16, 16+20=36, 20+36=56, 50+56=106.
        Assert.Single(tree.Path(0));
        Assert.Equal(6, tree.Path(6).Count);
        Assert.Equal((50 * 1 + 20 * 2 + 20 * 3 + 7 * 4 + 5 * 5 + 3 * 6 + 1 * 6) / 106.0, tree.MeanCodeLength(Counts), 12);
    }

    [Fact]
    public void Build_OneWord_Throws()
    {
        Assert.Throws<ArgumentException>(() => HierarchicalSoftmax.Build([5L]));
    }
}
