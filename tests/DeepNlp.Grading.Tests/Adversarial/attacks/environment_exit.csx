// The process exits in the middle of the notebook: the cell is skipped on the next attempt.
// base: solution
// expect: 14
// feedback: exited with code
Environment.Exit(0);
