namespace DeepNlp.Evaluation;

/// <summary>How <see cref="Bleu"/> treats an n-gram order with no match, named as NLTK's <c>SmoothingFunction</c> methods.</summary>
public enum BleuSmoothing
{
    /// <summary>NLTK's <c>method0</c> (the default): a zero precision is replaced by the smallest normal double
    /// (<c>sys.float_info.min</c>), so the score is practically 0.</summary>
    None,

    /// <summary>NLTK's <c>method1</c>: a zero precision becomes ε / (number of hypothesis n-grams), ε = 0.1 by default.</summary>
    Method1,
}
