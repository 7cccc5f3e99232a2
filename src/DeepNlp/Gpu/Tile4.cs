namespace DeepNlp.Gpu;

/// <summary>4×4 tiles: 16 threads per group, used on ILGPU's CPU accelerator, where each thread of a group is an OS thread.</summary>
public readonly struct Tile4 : ITileSize
{
    /// <inheritdoc />
    public int Size => 4;
}
