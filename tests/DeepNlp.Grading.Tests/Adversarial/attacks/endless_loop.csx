// A cell that never ends.
// base: solution
// expect: 14
// feedback: limit per cell
while (true) { }
