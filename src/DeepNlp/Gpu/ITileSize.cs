namespace DeepNlp.Gpu;

/// <summary>A compile-time tile edge for the tiled kernels (a struct type argument, so ILGPU sees a constant).</summary>
public interface ITileSize
{
    /// <summary>Edge of a square tile in elements.</summary>
    int Size { get; }
}
