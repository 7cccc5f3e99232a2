namespace DeepNlp.Data;

/// <summary>One shipped file of a data set, with the size and sha256 its README documents.</summary>
/// <param name="Name">File name inside the data set's folder, e.g. <c>input.txt</c>.</param>
/// <param name="Bytes">Size on disk in bytes.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file as stored (for <c>.gz</c> files: of the compressed bytes).</param>
public sealed record DatasetFile(string Name, long Bytes, string Sha256);
