namespace DeepNlp.Data;

/// <summary>One analogy question "<paramref name="A"/> is to <paramref name="B"/> as <paramref name="C"/> is to <paramref name="D"/>".</summary>
/// <param name="Category">Category name from the file's <c>: name</c> header, e.g. <c>capital-common-countries</c>.</param>
/// <param name="A">First word (case as in the file).</param>
/// <param name="B">Second word.</param>
/// <param name="C">Third word.</param>
/// <param name="D">The expected answer: the word nearest to b − a + c.</param>
public sealed record AnalogyQuestion(string Category, string A, string B, string C, string D)
{
    /// <summary>Whether the category is syntactic (the nine <c>gram*</c> categories) rather than semantic.</summary>
    public bool IsSyntactic => Category.StartsWith("gram", StringComparison.Ordinal);

    /// <summary>The same question lower-cased (invariant), for uncased vectors such as GloVe 6B.</summary>
    public AnalogyQuestion ToLower() => new(Category, A.ToLowerInvariant(), B.ToLowerInvariant(), C.ToLowerInvariant(), D.ToLowerInvariant());

    /// <inheritdoc />
    public override string ToString() => $"{A} : {B} :: {C} : {D}  ({Category})";
}
