// 100 million characters of output.
// base: solution
// expect: 14
// feedback: character limit
for (int i = 0; i < 100; i++) Console.WriteLine(new string('x', 1_000_000));
