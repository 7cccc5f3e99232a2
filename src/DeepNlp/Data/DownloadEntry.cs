namespace DeepNlp.Data;

/// <summary>One corpus the kit does not ship but can fetch on a user's machine: where it lives and how to check it.</summary>
/// <param name="Name">Short name used on the command line, e.g. <c>text8</c>.</param>
/// <param name="Url">HTTP(S) address of the file.</param>
/// <param name="FileName">Name of the file in the cache folder.</param>
/// <param name="Bytes">Exact size in bytes.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file, or null when no published value is pinned yet (see remarks).</param>
/// <param name="Md5">Lower-case hex MD5 as published by third parties, or null; checked in addition to sha256 when present.</param>
/// <param name="Description">What the file holds.</param>
/// <param name="Licence">Licence of the content.</param>
/// <remarks>
/// When <paramref name="Sha256"/> is null the download is checked by size (and MD5 when given), its sha256 is computed
/// and written beside it as <c>FILE.sha256</c>, and later verifications compare against that record (trust on first
/// use). Pin the value in <see cref="DownloadManifest"/> once it has been checked on a machine with internet access.
/// </remarks>
public sealed record DownloadEntry(string Name, string Url, string FileName, long Bytes, string? Sha256, string? Md5, string Description, string Licence)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Description} ({Bytes / 1_048_576.0:F1} MiB, {Licence}) <{Url}>";
}
