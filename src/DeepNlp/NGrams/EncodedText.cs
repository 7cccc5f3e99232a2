using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>A text as the n-gram models count it: its vocabulary and its sentences as ids.</summary>
/// <param name="Vocabulary">The words seen at least the minimum count, after the special tokens.</param>
/// <param name="Sentences">One id array per non-empty line, without &lt;s&gt; and &lt;/s&gt;.</param>
public sealed record EncodedText(Vocabulary Vocabulary, IReadOnlyList<int[]> Sentences);
