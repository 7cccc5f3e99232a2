using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class NoiseDistributionTests
{
    private static readonly long[] Counts = [1000, 100, 10, 7, 1, 0, 250];

    private static double Share(int w) => Math.Pow(Counts[w], 0.75) / Counts.Sum(c => Math.Pow(c, 0.75));

    [Fact]
    public void Probability_IsProportionalToCountToThePower075()
    {
        var noise = new NoiseDistribution(Counts);

        for (int w = 0; w < Counts.Length; w++)
            Assert.Equal(Share(w), noise.Probability(w), 1e-9);
    }

    [Fact]
    public void Draw_WithTheTrainersRandomStream_FollowsTheShares()
    {
        var noise = new NoiseDistribution(Counts);
        var seen = new int[Counts.Length];
        ulong next = 1;
        const int draws = 2_000_000;

        for (int i = 0; i < draws; i++)
        {
            next = next * 25214903917UL + 11;
            seen[NoiseDistribution.Draw(ref noise.Columns[0], (uint)noise.Count, next)]++;
        }

        for (int w = 0; w < Counts.Length; w++)
            Assert.Equal(Share(w), seen[w] / (double)draws, 5 * Math.Sqrt(Share(w) * (1 - Share(w)) / draws));   // 5 standard errors
        Assert.Equal(0, seen[5]);
    }

    [Fact]
    public void Constructor_AllCountsZero_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new NoiseDistribution([0, 0]));
    }
}
