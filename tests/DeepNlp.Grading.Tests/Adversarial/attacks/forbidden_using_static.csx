// A forbidden type brought in with using static.
// base: solution
// expect: 0
// feedback: DeepNlp.WordVectors.Word2VecGradients
using static DeepNlp.WordVectors.Word2VecGradients;
