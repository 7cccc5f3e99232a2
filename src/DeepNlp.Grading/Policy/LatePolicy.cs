using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Policy;

/// <summary>A lab's deadline and late-penalty rule, read from <c>NAME.policy.json</c> beside the lab (or <c>--policy FILE</c>).</summary>
/// <remarks>
/// File format: <c>{"due": "2026-12-01T23:59:00-05:00", "grace_minutes": 15, "percent_per_day": 10, "max_percent": 30,
/// "zero_after_days": 5}</c>; only <c>due</c> is required. A submission is late when it comes after the due date plus
/// the student's extension plus the grace period; each started day after the (extended) due date then costs
/// <c>percent_per_day</c> of the raw score, at most <c>max_percent</c>, and one more than <c>zero_after_days</c> days late
/// scores zero. The grace period forgives lateness but, once exceeded, the days are counted from the due date.
/// </remarks>
/// <param name="Due">The due date.</param>
/// <param name="Grace">Lateness forgiven.</param>
/// <param name="PercentPerDay">Percent of the raw score lost per started day late.</param>
/// <param name="MaxPercent">Cap on the per-day penalty, in percent.</param>
/// <param name="ZeroAfterDays">Lateness (days) beyond which the score is zero; null: never.</param>
public sealed record LatePolicy(DateTimeOffset Due, TimeSpan Grace, double PercentPerDay, double MaxPercent, double? ZeroAfterDays)
{
    /// <summary>Reads a policy file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <exception cref="LabFormatException">The file is not valid JSON, lacks <c>due</c>, or has a bad value; the message names the file and field.</exception>
    public static LatePolicy Load(string path)
    {
        JsonObject o;
        try { o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new LabFormatException($"{path}: the policy must be a JSON object"); }
        catch (JsonException e) { throw new LabFormatException($"{path}: not valid JSON: {e.Message}"); }
        string? due = (string?)o["due"];
        if (due is null || !DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dueAt))
            throw new LabFormatException($"{path}: \"due\" must be an ISO 8601 date and time, e.g. \"2026-12-01T23:59:00-05:00\"");
        double Number(string field, double fallback)
        {
            var node = o[field];
            if (node is null) return fallback;
            double v;
            try { v = node.GetValue<double>(); }
            catch (Exception e) when (e is InvalidOperationException or FormatException) { throw new LabFormatException($"{path}: \"{field}\" must be a number"); }
            if (v < 0 || double.IsNaN(v)) throw new LabFormatException($"{path}: \"{field}\" must not be negative");
            return v;
        }
        double? zero = o["zero_after_days"] is null ? null : Number("zero_after_days", 0);
        return new LatePolicy(dueAt, TimeSpan.FromMinutes(Number("grace_minutes", 0)), Number("percent_per_day", 0),
            Math.Min(100, Number("max_percent", 100)), zero);
    }

    /// <summary>How late a submission is and what it costs.</summary>
    /// <param name="submitted">When it was submitted, and where that time came from.</param>
    /// <param name="extension">The student's extension (zero when none).</param>
    public LateOutcome Evaluate(SubmissionTime submitted, TimeSpan extension)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        var due = Due + extension;
        var late = submitted.At - due;
        string ext = extension > TimeSpan.Zero ? $" (extended by {extension.TotalDays:0.##} day(s))" : "";
        if (late <= Grace)
            return new LateOutcome(submitted, due, 0, 0, late > TimeSpan.Zero
                ? $"submitted {Minutes(late)} after the due date{ext}, within the {Grace.TotalMinutes:0.#}-minute grace period: no penalty" : "");
        int days = (int)Math.Ceiling(late.TotalDays);
        if (ZeroAfterDays is { } z && late.TotalDays > z)
            return new LateOutcome(submitted, due, days, 100,
                $"submitted {days} day(s) late{ext} ({submitted.Source}); work more than {z:0.##} day(s) late scores zero");
        double pct = Math.Min(MaxPercent, days * PercentPerDay);
        return new LateOutcome(submitted, due, days, pct,
            $"submitted {days} day(s) late{ext} ({submitted.Source}); {PercentPerDay:0.##}% per started day{(pct >= MaxPercent && MaxPercent < 100 ? $", capped at {MaxPercent:0.##}%" : "")}: {pct:0.##}% off");
    }

    private static string Minutes(TimeSpan t) => t.TotalMinutes < 1 ? $"{t.TotalSeconds:0} s" : $"{t.TotalMinutes:0} min";
}

/// <summary>When a submission was made.</summary>
/// <param name="At">The time.</param>
/// <param name="Source">Where it came from (a CSV, Gradescope's metadata, the file's timestamp), for the feedback.</param>
public sealed record SubmissionTime(DateTimeOffset At, string Source);

/// <summary>The verdict of a late policy on one submission.</summary>
/// <param name="Submitted">When it was submitted.</param>
/// <param name="Due">The due date that applied (with the student's extension).</param>
/// <param name="DaysLate">Started days past the due date (0 when on time or within grace).</param>
/// <param name="PenaltyPercent">Percent of the raw score taken off.</param>
/// <param name="Reason">The explanation shown in the feedback; empty when on time.</param>
public sealed record LateOutcome(SubmissionTime Submitted, DateTimeOffset Due, int DaysLate, double PenaltyPercent, string Reason);
