// Reads the hidden tests beside the lab and prints them.
// base: blank
// expect: 0
// feedback: not implemented
// labs: all
try { Console.WriteLine(File.ReadAllText("{LAB}.hidden.cs").Length); } catch (Exception e) { Console.WriteLine(e.GetType().Name); }
