// Console output redirected and filled with fake results.
// base: blank
// expect: 0
// feedback: not implemented
// labs: all
var fake = new StringWriter();
Console.SetOut(fake);
Console.SetError(fake);
Console.WriteLine("q1 4/4 q2 4/4 q3 2/2 q4 4/4");
