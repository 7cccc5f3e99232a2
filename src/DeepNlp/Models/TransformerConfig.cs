namespace DeepNlp.Models;

/// <summary>The shape of a causal Transformer language model: token + position embeddings → L pre-norm blocks → LayerNorm →
/// projection onto the vocabulary.</summary>
/// <param name="VocabularySize">|V| (characters or subwords alike).</param>
/// <param name="ModelSize">E, the width of the residual stream.</param>
/// <param name="Heads">h, attention heads per block; must divide E.</param>
/// <param name="Layers">L, the number of blocks.</param>
/// <param name="FeedForwardSize">F, the hidden width of each block's feed-forward part.</param>
/// <param name="MaxLength">Longest context (learned positions).</param>
public sealed record TransformerConfig(int VocabularySize, int ModelSize = 128, int Heads = 4, int Layers = 2, int FeedForwardSize = 512,
    int MaxLength = 128);
