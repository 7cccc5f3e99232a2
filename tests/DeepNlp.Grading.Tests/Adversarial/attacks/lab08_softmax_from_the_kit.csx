// AdditiveAttention with its softmax taken from the kit's Samplers.Distribution, which q1 forbids: only q1 is lost.
// base: solution
// expect: 11
// feedback: DeepNlp.Sampling.Samplers
// labs: lab08_seq2seq_attention
double[] AdditiveAttention(double[] q, double[][] keys, int length, double[][] Wq, double[][] Wk, double[] v, double[] weights)
{
    var wq = MatVec(Wq, q);
    var e = Enumerable.Range(0, length).Select(j => { var wk = MatVec(Wk, keys[j]); return v.Select((va, a) => va * Math.Tanh(wq[a] + wk[a])).Sum(); }).ToArray();
    var alpha = DeepNlp.Sampling.Samplers.Distribution(e);
    Array.Clear(weights);
    var c = new double[keys[0].Length];
    for (int j = 0; j < length; j++) { weights[j] = alpha[j]; for (int k = 0; k < c.Length; k++) c[k] += alpha[j] * keys[j][k]; }
    return c;
}
