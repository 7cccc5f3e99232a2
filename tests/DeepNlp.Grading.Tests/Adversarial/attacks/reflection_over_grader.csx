// Reflection over the grader's private list of tests, to replace every body with one that passes.
// base: blank
// expect: 0
// feedback: reflection
// labs: all
var field = typeof(Grader).GetField("Tests", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
var tests = (System.Collections.IList)field!.GetValue(null)!;
tests.Clear();
