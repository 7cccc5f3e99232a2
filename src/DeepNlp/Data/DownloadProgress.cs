namespace DeepNlp.Data;

/// <summary>Progress of a download, reported while bytes arrive and once at the end.</summary>
/// <param name="Name">Entry name.</param>
/// <param name="BytesDone">Bytes in the file so far (a resumed download starts above 0).</param>
/// <param name="TotalBytes">Expected size.</param>
/// <param name="Stage">What is happening now.</param>
public sealed record DownloadProgress(string Name, long BytesDone, long TotalBytes, DownloadStage Stage)
{
    /// <summary>Fraction done, 0 … 1.</summary>
    public double Fraction => TotalBytes > 0 ? Math.Min(1.0, (double)BytesDone / TotalBytes) : 0;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Stage} {BytesDone:N0}/{TotalBytes:N0} bytes ({Fraction:P0})";
}
