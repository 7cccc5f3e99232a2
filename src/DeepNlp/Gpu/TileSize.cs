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
