namespace DeepNlp.Classification;

/// <summary>A tokenized document and its class.</summary>
/// <param name="Tokens">The words, in order.</param>
/// <param name="Label">Class id, 0..classes-1.</param>
public sealed record LabeledDocument(IReadOnlyList<string> Tokens, int Label)
{
    /// <summary>Splits <paramref name="text"/> on whitespace (the polarity data is already tokenized and lower-cased).</summary>
    public static LabeledDocument FromText(string text, int label) =>
        new(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), label);

    /// <summary>A sentence-polarity example, split on whitespace (label 1 = positive).</summary>
    public static LabeledDocument From(DeepNlp.Data.PolarityExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return FromText(example.Text, example.Label);
    }

    /// <inheritdoc />
    public override string ToString() => $"[{Label}] {string.Join(' ', Tokens)}";
}
