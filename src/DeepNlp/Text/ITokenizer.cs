namespace DeepNlp.Text;

/// <summary>Splits raw text into tokens. Implementations are deterministic: the same text always gives the same tokens.</summary>
public interface ITokenizer
{
    /// <summary>Splits <paramref name="text"/> into tokens.</summary>
    /// <param name="text">Raw text; may be empty.</param>
    /// <returns>The tokens in order; empty when the text holds none.</returns>
    string[] Tokenize(string text);
}
