// A background thread that keeps registering passing tests and resetting the lab's while the tests run.
// base: blank
// expect: 0
// feedback: not implemented
// labs: all
var spammer = new Thread(() =>
{
    for (int n = 0; n < 200_000; n++)
    {
        foreach (var q in new[] { "q1", "q2", "q3", "q4" }) Grader.Test(q, "free", () => { }, weight: 1000);
        if (n % 100 == 0) Grader.Reset();
        Thread.Sleep(0);
    }
}) { IsBackground = true };
spammer.Start();
