// The lab's provided helpers redefined so that the tests' inputs become trivial.
// base: blank
// expect: 0
// feedback: not implemented
// labs: all
double[][] Zeros(int rows, int cols) => new double[0][];
double[] RandomVector(Random rng, int n, double scale = 0.5) => new double[n];
double[][] RandomMatrix(Random rng, int rows, int cols, double scale = 0.5) => new double[rows][];
double[] Flatten(double[][] m) => new double[0];
double Dot(double[] a, double[] b) => 0;
