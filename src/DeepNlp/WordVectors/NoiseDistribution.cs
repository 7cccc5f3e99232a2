using System.Runtime.CompilerServices;

namespace DeepNlp.WordVectors;

/// <summary>The negative-sampling noise distribution P(w) ∝ count(w)^0.75, drawn by Walker's alias method.</summary>
/// <remarks>
/// The C tool fills a 1e8-entry table with word ids in proportion to count^0.75 and indexes it with a random number.
/// That table is far larger than the caches, so every draw is a trip to main memory (it was 45 % of the kit's training
/// time with a 32 MB table). The alias method draws from exactly the same distribution with one uniform number and
/// one 8-byte column per word (140 KB for an 18k vocabulary, resident in L2): column i = ⌊u·V⌋ is kept with
/// probability q_i and otherwise replaced by its alias a_i, where Vose's construction makes every word's total mass
/// (q_w + Σ_{i: a_i = w} (1 - q_i)) / V equal to its share, exact to 2^-32 rather than to 1/table-size.
/// </remarks>
internal sealed class NoiseDistribution
{
    /// <summary>Per column: the keep threshold q·2^32 in the low 32 bits, the alias id in the high 32 bits.</summary>
    internal readonly ulong[] Columns;

    /// <summary>Builds the alias table for the given word counts.</summary>
    /// <exception cref="ArgumentException">No word has a positive count.</exception>
    public NoiseDistribution(long[] counts)
    {
        int V = counts.Length;
        var share = new double[V];
        double total = 0;
        for (int w = 0; w < V; w++) total += share[w] = Math.Pow(Math.Max(counts[w], 0), 0.75);
        if (!(total > 0)) throw new ArgumentException("At least one word needs a positive count.", nameof(counts));
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int w = 0; w < V; w++)
        {
            share[w] = share[w] / total * V;                                      // q_w = P(w)·V, mean 1
            (share[w] < 1 ? small : large).Push(w);
        }
        Columns = new ulong[V];
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            Columns[s] = Column(share[s], l);                                     // column s: keep s with q_s, else l
            share[l] -= 1 - share[s];                                             // l gave 1 - q_s of its mass to column s
            (share[l] < 1 ? small : large).Push(l);
        }
        // What is left has q = 1 up to rounding: the column always gives its own word.
        foreach (int w in small) Columns[w] = Column(1, w);
        foreach (int w in large) Columns[w] = Column(1, w);
    }

    /// <summary>Number of words.</summary>
    public int Count => Columns.Length;

    private static ulong Column(double keep, int alias)
    {
        double t = Math.Round(keep * 4294967296.0);
        return (ulong)(uint)alias << 32 | (uint)Math.Clamp(t, 0, uint.MaxValue);
    }

    /// <summary>The word drawn for a random state: the top 32 bits of <paramref name="random"/> are the uniform number u.</summary>
    /// <remarks>u·V = (column, fraction) in 32.32 fixed point; the column is kept when the fraction is below its threshold.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Draw(ref ulong columns, uint count, ulong random)
    {
        ulong t = (random >> 32) * count;
        int column = (int)(t >> 32);
        ulong c = Unsafe.Add(ref columns, column);
        return (uint)t < (uint)c ? column : (int)(c >> 32);
    }

    /// <summary>The probability with which <see cref="Draw"/> returns <paramref name="word"/>, read back from the table.</summary>
    public double Probability(int word)
    {
        double mass = 0;
        for (int i = 0; i < Columns.Length; i++)
        {
            double keep = (uint)Columns[i] / 4294967296.0;
            if (i == word) mass += keep;
            if ((int)(Columns[i] >> 32) == word) mass += 1 - keep;
        }
        return mass / Columns.Length;
    }
}
