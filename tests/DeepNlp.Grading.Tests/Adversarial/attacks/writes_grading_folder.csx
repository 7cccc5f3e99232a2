// Writes into the grading output (gradebook, state) and next to the lab.
// base: solution
// expect: 14
// feedback: -
foreach (var path in new[] { "{OUT}/gradebook.csv", "{OUT}/.state/writes_grading_folder.json", "{LAB}.hidden.cs.copy" })
{
    try { File.WriteAllText(path, "forged,1000"); } catch (Exception e) { Console.WriteLine(e.GetType().Name); }
}
