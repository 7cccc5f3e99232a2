// TopSingularVectors as a thin wrapper of MathNet's SVD, which q3 forbids: only q3 is lost.
// base: solution
// expect: 14
// feedback: MathNet.Numerics
// labs: lab05_count_vectors_glove
double[][] TopSingularVectors(double[][] A, int k, int iterations, int seed)
{
    var u = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(A).Svd().U;
    return Enumerable.Range(0, A.Length).Select(i => Enumerable.Range(0, k).Select(j => u[i, j]).ToArray()).ToArray();
}
