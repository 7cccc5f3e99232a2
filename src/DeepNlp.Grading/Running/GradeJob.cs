namespace DeepNlp.Grading.Running;

/// <summary>What the parent asks one worker process to do; sent as one JSON line on the worker's stdin.</summary>
/// <param name="LabPath">The lab's solution notebook: its folder is where relative <c>#r</c> paths resolve. The worker
/// never reads it (in the sandbox the folder is hidden); the texts come in <paramref name="LabText"/> and
/// <paramref name="HiddenText"/>.</param>
/// <param name="LabText">The lab notebook's JSON.</param>
/// <param name="HiddenText">The hidden tests (empty when none).</param>
/// <param name="SubmissionPath">The student's notebook.</param>
/// <param name="CellsLog">JSON-lines log of executed cells (appended across attempts).</param>
/// <param name="TestsLog">JSON-lines log of test results written by <c>Grader.RunForGrading</c>.</param>
/// <param name="Nonce">Secret written on every log line; lines without it are ignored.</param>
/// <param name="CellTimeoutSeconds">Longest one student cell may run.</param>
/// <param name="TestTimeoutSeconds">Longest one test may run.</param>
/// <param name="OutputLimitChars">Console output kept per worker; the rest is dropped.</param>
internal sealed record GradeJob(string LabPath, string LabText, string HiddenText, string SubmissionPath, string CellsLog,
    string TestsLog, string Nonce, double CellTimeoutSeconds, double TestTimeoutSeconds, long OutputLimitChars);
