namespace DeepNlp.Data;

/// <summary>A raw text cut into a training part and a validation part.</summary>
/// <param name="Train">The training prefix.</param>
/// <param name="Valid">The validation suffix.</param>
public sealed record TextSplit(string Train, string Valid)
{
    /// <inheritdoc />
    public override string ToString() => $"TextSplit(train {Train.Length:N0} chars, valid {Valid.Length:N0} chars)";
}
