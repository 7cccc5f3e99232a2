namespace DeepNlp.Layers;

/// <summary>Shape checks shared by the recurrent layers, so every layer reports a mismatch the same way.</summary>
internal static class RecurrentShapes
{
    public static void Check(int xLength, int time, int batch, int input, int h0Length, int c0Length, int stateLength, string layer)
    {
        if (time <= 0 || batch <= 0) throw new ArgumentException($"{layer}: time ({time}) and batch ({batch}) must be positive.", nameof(time));
        if (xLength != time * batch * input)
            throw new ArgumentException($"{layer}: x has {xLength} elements, expected [time {time}, batch {batch}, input {input}].", "x");
        if (h0Length != 0 && h0Length != stateLength)
            throw new ArgumentException($"{layer}: h0 has {h0Length} elements, expected {stateLength}.", "h0");
        if (c0Length != 0 && c0Length != stateLength)
            throw new ArgumentException($"{layer}: c0 has {c0Length} elements, expected {stateLength}.", "c0");
    }

    public static void CheckBackward(int dOutLength, int outLength, int dhLength, int dcLength, int stateLength, int dxLength, int xLength, string layer)
    {
        if (dOutLength != outLength) throw new ArgumentException($"{layer}: dOutput has {dOutLength} elements, expected {outLength}.", "dOutput");
        if (dhLength != 0 && dhLength != stateLength) throw new ArgumentException($"{layer}: dhLast has {dhLength} elements, expected {stateLength}.", "dhLast");
        if (dcLength != 0 && dcLength != stateLength) throw new ArgumentException($"{layer}: dcLast has {dcLength} elements, expected {stateLength}.", "dcLast");
        if (dxLength != 0 && dxLength != xLength) throw new ArgumentException($"{layer}: dx has {dxLength} elements, expected {xLength}.", "dx");
    }
}
