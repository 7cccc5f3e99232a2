namespace DeepNlp.Data;

/// <summary>One labelled movie-review snippet.</summary>
/// <param name="Text">The snippet: lower-cased, tokenized (tokens separated by single spaces).</param>
/// <param name="Label">1 = positive, 0 = negative.</param>
/// <param name="Split">The split it belongs to.</param>
public sealed record PolarityExample(string Text, int Label, Split Split)
{
    /// <summary>Whether the snippet is positive.</summary>
    public bool IsPositive => Label == 1;
}
