// Environment.FailFast kills the process at once.
// base: solution
// expect: 14
// feedback: exited with code
Environment.FailFast("grading, stop here");
