using DeepNlp.Text;

namespace DeepNlp.Sampling;

/// <summary>Sampling that takes and returns text, for character- and word-level language models.</summary>
public static class TextGeneration
{
    /// <summary>Primes the model with <paramref name="prompt"/> and samples a continuation as text.</summary>
    /// <param name="model">The model.</param>
    /// <param name="vocabulary">Its vocabulary (characters or words).</param>
    /// <param name="prompt">Text to start from; characters when <paramref name="separator"/> is empty, else whitespace-separated words.</param>
    /// <param name="length">Tokens to generate.</param>
    /// <param name="seed">Seed (same seed, same text).</param>
    /// <param name="temperature">τ.</param>
    /// <param name="topK">Keep the k most probable tokens (0 = all).</param>
    /// <param name="topP">Nucleus mass (1 = all).</param>
    /// <param name="separator">"" for characters, " " for words.</param>
    /// <returns>The generated continuation (prompt excluded).</returns>
    /// <exception cref="ArgumentException">The prompt is empty.</exception>
    public static string Sample(IAutoregressiveModel model, Vocabulary vocabulary, string prompt, int length, int seed,
        double temperature = 1.0, int topK = 0, double topP = 1.0, string separator = "")
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var ids = Encode(vocabulary, prompt, separator);
        var generated = Samplers.Sample(model, ids, length, seed, temperature, topK, topP);
        return string.Join(separator, vocabulary.Decode(generated));
    }

    /// <summary>Greedy continuation as text.</summary>
    /// <exception cref="ArgumentException">The prompt is empty.</exception>
    public static string Greedy(IAutoregressiveModel model, Vocabulary vocabulary, string prompt, int length, string separator = "")
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return string.Join(separator, vocabulary.Decode(Samplers.Greedy(model, Encode(vocabulary, prompt, separator), length)));
    }

    private static int[] Encode(Vocabulary vocabulary, string prompt, string separator)
    {
        if (string.IsNullOrEmpty(prompt)) throw new ArgumentException("The prompt needs at least one token.", nameof(prompt));
        var tokens = separator.Length == 0
            ? prompt.Select(c => c.ToString())
            : prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).AsEnumerable();
        return vocabulary.Encode(tokens);
    }
}
