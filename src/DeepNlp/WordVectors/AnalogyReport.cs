using System.Net;
using System.Text;

namespace DeepNlp.WordVectors;

/// <summary>Analogy accuracy per category and overall, with the questions skipped for out-of-vocabulary words.</summary>
/// <param name="Method">3CosAdd or 3CosMul.</param>
/// <param name="CandidateWords">How many of the most frequent words were candidates (the C tool's threshold).</param>
/// <param name="Categories">One row per category, in file order.</param>
public sealed record AnalogyReport(AnalogyMethod Method, int CandidateWords, IReadOnlyList<AnalogyCategoryResult> Categories)
{
    /// <summary>All questions.</summary>
    public int Questions => Categories.Sum(c => c.Questions);

    /// <summary>Questions answered (all four words known).</summary>
    public int Answered => Categories.Sum(c => c.Answered);

    /// <summary>Questions answered correctly.</summary>
    public int Correct => Categories.Sum(c => c.Correct);

    /// <summary>Questions skipped for out-of-vocabulary words.</summary>
    public int Skipped => Questions - Answered;

    /// <summary>Accuracy over answered questions, as compute-accuracy prints it.</summary>
    public double Accuracy => Ratio(Categories);

    /// <summary>Accuracy over answered semantic questions.</summary>
    public double SemanticAccuracy => Ratio(Categories.Where(c => c.IsSemantic));

    /// <summary>Accuracy over answered syntactic questions.</summary>
    public double SyntacticAccuracy => Ratio(Categories.Where(c => !c.IsSemantic));

    private static double Ratio(IEnumerable<AnalogyCategoryResult> rows)
    {
        int a = 0, c = 0;
        foreach (var r in rows) { a += r.Answered; c += r.Correct; }
        return a == 0 ? 0 : (double)c / a;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Analogies ({Method}, top {CandidateWords:N0} words): {Accuracy:P1} of {Answered:N0} answered ({Skipped:N0} of {Questions:N0} skipped as OOV); semantic {SemanticAccuracy:P1}, syntactic {SyntacticAccuracy:P1}");
        foreach (var c in Categories)
            sb.AppendLine($"  {c.Category,-28} {c.Accuracy,7:P1}  {c.Correct,5}/{c.Answered,-5} (skipped {c.Skipped})");
        return sb.ToString().TrimEnd();
    }

    /// <summary>An HTML table, one row per category plus the totals.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder($"<table><caption>Analogies, {Method}, top {CandidateWords:N0} words</caption>");
        sb.Append("<tr><th>category</th><th>accuracy</th><th>correct</th><th>answered</th><th>skipped (OOV)</th></tr>");
        foreach (var c in Categories)
            sb.Append($"<tr><td>{WebUtility.HtmlEncode(c.Category)}</td><td>{c.Accuracy:P1}</td><td>{c.Correct}</td><td>{c.Answered}</td><td>{c.Skipped}</td></tr>");
        sb.Append($"<tr><th>semantic</th><td>{SemanticAccuracy:P1}</td><td colspan=3></td></tr>");
        sb.Append($"<tr><th>syntactic</th><td>{SyntacticAccuracy:P1}</td><td colspan=3></td></tr>");
        sb.Append($"<tr><th>all</th><td>{Accuracy:P1}</td><td>{Correct}</td><td>{Answered}</td><td>{Skipped}</td></tr></table>");
        return sb.ToString();
    }
}
