namespace DeepNlp.Tests.Gpu;

/// <summary>Float64 forward pass of the char-LSTM LM (embedding, PyTorch LSTM, linear, mean softmax CE), written
/// from the equations, for checking the GPU model's loss and, by central differences, its gradients.</summary>
internal sealed class CharLstmReference(int v, int e, int h, int b, int t)
{
    public int[] Sizes => [v * e, 4 * h * e, 4 * h * h, 4 * h, 4 * h, v * h, v];

    /// <summary>Mean loss over [b, t] (batch-major ids), starting from state (h0, c0); returns the final state too.</summary>
    public (double Loss, double[] H, double[] C) Forward(double[][] w, int[] inputs, int[] targets, double[] h0, double[] c0)
    {
        var (emb, wih, whh, bih, bhh, wout, bout) = (w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
        var hs = (double[])h0.Clone();
        var cs = (double[])c0.Clone();
        double loss = 0;
        for (int step = 0; step < t; step++)
        {
            var hNew = new double[b * h];
            var cNew = new double[b * h];
            for (int r = 0; r < b; r++)
            {
                int x = inputs[r * t + step];
                var a = new double[4 * h];
                for (int g = 0; g < 4 * h; g++)
                {
                    double s = bih[g] + bhh[g];
                    for (int k = 0; k < e; k++) s += wih[g * e + k] * emb[x * e + k];
                    for (int k = 0; k < h; k++) s += whh[g * h + k] * hs[r * h + k];
                    a[g] = s;
                }
                for (int j = 0; j < h; j++)
                {
                    double i = Reference.Sigmoid(a[j]), f = Reference.Sigmoid(a[h + j]), gg = Math.Tanh(a[2 * h + j]), o = Reference.Sigmoid(a[3 * h + j]);
                    cNew[r * h + j] = f * cs[r * h + j] + i * gg;
                    hNew[r * h + j] = o * Math.Tanh(cNew[r * h + j]);
                }
                var logits = new double[v];
                for (int k = 0; k < v; k++)
                {
                    double s = bout[k];
                    for (int j = 0; j < h; j++) s += wout[k * h + j] * hNew[r * h + j];
                    logits[k] = s;
                }
                double max = logits.Max();
                double logSum = max + Math.Log(logits.Sum(z => Math.Exp(z - max)));
                loss += logSum - logits[targets[r * t + step]];
            }
            (hs, cs) = (hNew, cNew);
        }
        return (loss / (b * t), hs, cs);
    }

    /// <summary>∂loss/∂w by central differences, every parameter.</summary>
    public double[][] Gradients(double[][] w, int[] inputs, int[] targets, double[] h0, double[] c0)
    {
        const double step = 1e-6;
        var grads = w.Select(p => new double[p.Length]).ToArray();
        for (int p = 0; p < w.Length; p++)
            for (int k = 0; k < w[p].Length; k++)
            {
                double keep = w[p][k];
                w[p][k] = keep + step; double up = Forward(w, inputs, targets, h0, c0).Loss;
                w[p][k] = keep - step; double down = Forward(w, inputs, targets, h0, c0).Loss;
                w[p][k] = keep;
                grads[p][k] = (up - down) / (2 * step);
            }
        return grads;
    }
}
