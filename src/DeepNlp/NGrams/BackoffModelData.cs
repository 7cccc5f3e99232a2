using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>A plain backoff model built from arrays (estimators and the ARPA reader construct their models through it).</summary>
internal sealed class BackoffModelData : BackoffModel
{
    public BackoffModelData(Vocabulary vocabulary, int[][] words, int[]?[] children, float[][] prob, float[]?[] backoff, string name)
        : base(vocabulary, words, children, prob, backoff, name) { }
}
