// A 1 GB allocation, over the grading memory limit.
// base: solution
// expect: 14
// feedback: OutOfMemoryException
var big = new byte[1L << 30];
big[0] = 1;
