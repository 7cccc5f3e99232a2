// Tests registered by the student, heavy enough to outweigh the lab's.
// base: blank
// expect: 0
// feedback: not implemented
// labs: all
Grader.Question("q1", points: 4);
foreach (var q in new[] { "q1", "q2", "q3", "q4" })
    for (int i = 0; i < 5; i++) Grader.Test(q, "free points " + i, () => { }, weight: 1000);
Grader.Reset();
