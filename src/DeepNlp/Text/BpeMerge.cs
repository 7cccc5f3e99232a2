namespace DeepNlp.Text;

/// <summary>One learned merge: the adjacent symbols <paramref name="Left"/> and <paramref name="Right"/> become symbol <paramref name="Result"/>.</summary>
/// <param name="Left">Id of the left symbol.</param>
/// <param name="Right">Id of the right symbol.</param>
/// <param name="Result">Id of the new symbol (256 + the merge's rank).</param>
/// <param name="Count">How often the pair occurred in the training corpus when it was merged (0 for loaded merges).</param>
public sealed record BpeMerge(int Left, int Right, int Result, long Count);
