// ConvMaxPool as a thin wrapper of the kit's Conv1dMaxPool layer, which q3 forbids: only q3 is lost.
// base: solution
// expect: 12
// feedback: DeepNlp.Layers.Conv1dMaxPool
// labs: lab06_text_classification
double[] ConvMaxPool(double[][] x, double[][] filters, double[] bias, int width, int[] argmax)
{
    int E = x[0].Length;
    var layer = new DeepNlp.Layers.Conv1dMaxPool<double>("conv", E, width, filters.Length, new Random(1));
    filters.SelectMany(r => r).ToArray().CopyTo(layer.W.Value, 0);
    bias.CopyTo(layer.B.Value, 0);
    var y = new double[filters.Length];
    layer.Forward(x.SelectMany(r => r).ToArray(), 1, x.Length, y);
    return y;
}
