namespace DeepNlp.Data;

/// <summary>The phases of <see cref="DatasetDownloader.Download"/>.</summary>
public enum DownloadStage
{
    /// <summary>Receiving bytes.</summary>
    Downloading,

    /// <summary>Hashing the complete file.</summary>
    Verifying,

    /// <summary>The verified file is in place under its final name.</summary>
    Done,
}
