// The grader's bridge called directly, to plant a function that always returns the expected value.
// base: blank
// expect: 0
// feedback: the grader's own API
// labs: all
DeepNlp.Labs.GradedExports.Set("Softmax#0", new Func<double[], double[]>(s => new[] { 0.25, 0.25, 0.25, 0.25 }));
