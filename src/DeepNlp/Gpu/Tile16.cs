namespace DeepNlp.Gpu;

/// <summary>16×16 tiles: 256 threads per group, the usual choice on NVIDIA hardware.</summary>
public readonly struct Tile16 : ITileSize
{
    /// <inheritdoc />
    public int Size => 16;
}
