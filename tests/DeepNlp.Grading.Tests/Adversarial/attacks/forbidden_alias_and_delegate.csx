// A forbidden type behind an alias, and one of its methods turned into a delegate.
// base: solution
// expect: 0
// feedback: DeepNlp.WordVectors.Word2VecGradients
using W = DeepNlp.WordVectors.Word2VecGradients;
Func<double, double> sigma = W.Sigmoid<double>;
