// dynamic hides which method is called.
// base: solution
// expect: 0
// feedback: dynamic
dynamic anything = new List<int>();
anything.Add(1);
