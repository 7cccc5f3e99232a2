using DeepNlp.Grading.Policy;

namespace DeepNlp.Grading.Tests.Policy;

public class LatePolicyTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 23, 59, 0, TimeSpan.Zero);
    private static SubmissionTime At(DateTimeOffset t) => new(t, "test");

    [Fact]
    public void PerDayPenalty_CountsStartedDaysAndStopsAtTheCap()
    {
        var policy = new LatePolicy(Due, TimeSpan.FromMinutes(15), 10, 30, null);
        Assert.Equal(0, policy.Evaluate(At(Due.AddMinutes(10)), TimeSpan.Zero).PenaltyPercent);
        Assert.Contains("grace", policy.Evaluate(At(Due.AddMinutes(10)), TimeSpan.Zero).Reason);
        var oneDay = policy.Evaluate(At(Due.AddMinutes(20)), TimeSpan.Zero);
        Assert.Equal((1, 10.0), (oneDay.DaysLate, oneDay.PenaltyPercent));
        var capped = policy.Evaluate(At(Due.AddDays(6)), TimeSpan.Zero);
        Assert.Equal((6, 30.0), (capped.DaysLate, capped.PenaltyPercent));
        Assert.Contains("capped at 30%", capped.Reason);
    }

    [Fact]
    public void ZeroAfterNDays_ScoresNothingBeyondTheLimit()
    {
        var policy = new LatePolicy(Due, TimeSpan.Zero, 10, 100, 3);
        Assert.Equal(30, policy.Evaluate(At(Due.AddDays(2.5)), TimeSpan.Zero).PenaltyPercent);
        var tooLate = policy.Evaluate(At(Due.AddDays(3.2)), TimeSpan.Zero);
        Assert.Equal(100, tooLate.PenaltyPercent);
        Assert.Contains("scores zero", tooLate.Reason);
    }

    [Fact]
    public void Extension_FromCsv_MovesTheDueDateForThatStudentOnly()
    {
        using var dir = new TempDir();
        var policy = new LatePolicy(Due, TimeSpan.Zero, 10, 100, null);
        var byDays = SubmissionTimes.ReadExtensions(dir.Write("ext.csv", "student,extra_days\nalice,2\n"), policy);
        var byDate = SubmissionTimes.ReadExtensions(dir.Write("ext2.csv", "student,due\nbob,2026-12-03T23:59:00Z\n"), policy);
        var submitted = At(Due.AddDays(1.5));
        Assert.Equal(0, policy.Evaluate(submitted, byDays["alice"]).PenaltyPercent);
        Assert.Equal(0, policy.Evaluate(submitted, byDate["bob"]).PenaltyPercent);
        Assert.Equal(20, policy.Evaluate(submitted, byDays.GetValueOrDefault("carol")).PenaltyPercent);
    }

    [Fact]
    public void SubmissionTime_PrefersCsvThenGradescopeMetadataThenTheFileTimestamp()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "alice");
        Directory.CreateDirectory(folder);
        var nb = Path.Combine(folder, "lab.ipynb");
        File.WriteAllText(nb, "{}");
        File.SetLastWriteTimeUtc(nb, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(2026, SubmissionTimes.Find("alice", folder, nb, null).At.Year);
        File.WriteAllText(Path.Combine(folder, "submission_metadata.json"), "{\"created_at\": \"2026-12-02T10:00:00.123456-07:00\", \"users\": []}");
        var meta = SubmissionTimes.Find("alice", folder, nb, null);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 17, 0, 0, 123, TimeSpan.Zero), meta.At.ToUniversalTime().AddTicks(-(meta.At.Ticks % TimeSpan.TicksPerMillisecond)));
        Assert.Contains("Gradescope", meta.Source);
        var csv = SubmissionTimes.ReadCsv(dir.Write("times.csv", "student,submitted_at\nalice,2026-12-05T00:00:00Z\n"));
        Assert.Equal(5, SubmissionTimes.Find("alice", folder, nb, csv).At.Day);
    }

    [Fact]
    public void PolicyFile_WithoutDue_IsRefusedNamingTheFile()
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.policy.json", "{\"percent_per_day\": 10}");
        var e = Assert.Throws<LabFormatException>(() => LatePolicy.Load(path));
        Assert.Contains("lab.policy.json", e.Message);
        Assert.Contains("\"due\"", e.Message);
    }
}
