namespace DeepNlp.WordVectors;

/// <summary>How an analogy a : b :: c : ? picks its answer d among the candidate words (a, b, c excluded).</summary>
public enum AnalogyMethod
{
    /// <summary>3CosAdd (Mikolov et al. 2013; the C tool's compute-accuracy): argmax_d cos(d, b - a + c), with unit-length vectors.</summary>
    CosAdd,

    /// <summary>3CosMul (Levy and Goldberg 2014): argmax_d cos'(d,b)·cos'(d,c) / (cos'(d,a) + 0.001), with cos' = (cos + 1)/2.</summary>
    CosMul,
}
