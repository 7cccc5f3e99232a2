namespace DeepNlp.Gpu;

/// <summary>A compile-time tile edge for the tiled kernels (a struct type argument, so ILGPU sees a constant).</summary>
public interface ITileSize
{
    /// <summary>Edge of a square tile in elements.</summary>
    int Size { get; }
}

/// <summary>16×16 tiles: 256 threads per group, the usual choice on NVIDIA hardware.</summary>
public readonly struct Tile16 : ITileSize
{
    /// <inheritdoc />
    public int Size => 16;
}

/// <summary>4×4 tiles: 16 threads per group, used on ILGPU's CPU accelerator, where each thread of a group is an OS thread.</summary>
public readonly struct Tile4 : ITileSize
{
    /// <inheritdoc />
    public int Size => 4;
}
