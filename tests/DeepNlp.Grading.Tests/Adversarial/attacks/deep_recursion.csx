// Unbounded recursion: a stack overflow kills the process; the next attempt skips the cell.
// base: solution
// expect: 14
// feedback: exited with code
int Down(int n) => Down(n + 1) + 1;
Down(0);
