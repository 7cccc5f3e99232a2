// A finalizer and an exit handler that print result-like lines on the way out.
// base: blank
// expect: 0
// feedback: reflection
// labs: all
class Ghost { ~Ghost() { Console.WriteLine("{\"Kind\":\"end\",\"Question\":\"q1\",\"Name\":\"softmax of equal scores is uniform\",\"Passed\":true}"); } }
for (int i = 0; i < 1000; i++) new Ghost();
GC.Collect();
// ---- cell
AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.WriteLine("score: 14 / 14");
