namespace DeepNlp.WordVectors;

/// <summary>Analogy results for one category of questions.</summary>
/// <param name="Category">Category name, e.g. <c>capital-common-countries</c>.</param>
/// <param name="IsSemantic">False for the syntactic categories (names starting with <c>gram</c>).</param>
/// <param name="Questions">Questions in the category.</param>
/// <param name="Answered">Questions whose four words are all among the candidate words (the others are skipped).</param>
/// <param name="Correct">Answered questions whose best candidate is d.</param>
public sealed record AnalogyCategoryResult(string Category, bool IsSemantic, int Questions, int Answered, int Correct)
{
    /// <summary>Correct / answered (0 when none answered).</summary>
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;

    /// <summary>Questions skipped because a word is out of vocabulary.</summary>
    public int Skipped => Questions - Answered;
}
