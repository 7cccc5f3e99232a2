namespace DeepNlp.Models;

/// <summary>A batch of variable-length id sequences padded into one [batch, time] block, with their lengths.</summary>
/// <param name="Ids">Ids [batch, time], row-major.</param>
/// <param name="Lengths">Real length of each sequence.</param>
/// <param name="Batch">Sequences.</param>
/// <param name="Time">Padded length.</param>
public sealed record PaddedIds(int[] Ids, int[] Lengths, int Batch, int Time)
{
    /// <summary>Pads sequences to the longest with <paramref name="padId"/>, on the right (or on the left).</summary>
    /// <exception cref="ArgumentException">The list is empty or a sequence is empty.</exception>
    public static PaddedIds Create(IReadOnlyList<IReadOnlyList<int>> sequences, int padId, bool left = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("No sequences to pad.", nameof(sequences));
        int time = sequences.Max(s => s.Count);
        if (sequences.Any(s => s.Count == 0)) throw new ArgumentException($"Sequence {sequences.ToList().FindIndex(s => s.Count == 0)} is empty.", nameof(sequences));
        var ids = new int[sequences.Count * time];
        Array.Fill(ids, padId);
        for (int b = 0; b < sequences.Count; b++)
        {
            int offset = left ? time - sequences[b].Count : 0;
            for (int t = 0; t < sequences[b].Count; t++) ids[b * time + offset + t] = sequences[b][t];
        }
        return new PaddedIds(ids, [.. sequences.Select(s => s.Count)], sequences.Count, time);
    }

    /// <summary>The ids in time-major order [time, batch].</summary>
    public int[] TimeMajor()
    {
        var r = new int[Ids.Length];
        for (int b = 0; b < Batch; b++)
            for (int t = 0; t < Time; t++) r[t * Batch + b] = Ids[b * Time + t];
        return r;
    }
}
