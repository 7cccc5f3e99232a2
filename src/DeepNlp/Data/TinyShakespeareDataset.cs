namespace DeepNlp.Data;

/// <summary>tinyshakespeare (karpathy/char-rnn): 1,115,394 ASCII characters, 65 distinct, the usual first char-level LM corpus.</summary>
/// <remarks>There is no official split; <see cref="LoadSplit"/> follows char-rnn and nanoGPT (first 90 % train, last 10 % valid).</remarks>
public sealed class TinyShakespeareDataset : Dataset
{
    /// <summary>The single text file.</summary>
    public const string FileName = "input.txt";

    internal TinyShakespeareDataset(DatasetCatalog catalog)
        : base(catalog, "tinyshakespeare",
            [new(FileName, 1_115_394, "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed")])
    { }

    /// <summary>The whole text.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    public string Load() => ReadAllText(FileName);

    /// <summary>The text cut into a training prefix and a validation suffix.</summary>
    /// <param name="trainFraction">Share of characters for training, in (0, 1); default 0.9 as in char-rnn/nanoGPT.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainFraction"/> is not strictly between 0 and 1.</exception>
    public TextSplit LoadSplit(double trainFraction = 0.9)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "trainFraction must be strictly between 0 and 1.");
        var text = Load();
        int n = (int)(text.Length * trainFraction);
        return new TextSplit(text[..n], text[n..]);
    }
}
