using DeepNlp.Data;
using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class AnalogiesTests
{
    private static readonly AnalogyQuestion[] Questions =
    [
        new("family", "man", "king", "woman", "queen"),          // right
        new("capital", "France", "Paris", "Italy", "Rome"),      // right (case ignored)
        new("capital", "paris", "france", "rome", "queen"),      // wrong: the answer is italy
        new("capital", "berlin", "germany", "paris", "france"),  // skipped: OOV
        new("gram1-toy", "king", "queen", "man", "woman"),       // right, syntactic
    ];

    [Theory]
    [InlineData(AnalogyMethod.CosAdd)]
    [InlineData(AnalogyMethod.CosMul)]
    public void Evaluate_ToyVectors_CountsRightWrongAndSkipped(AnalogyMethod method)
    {
        var e = ToyVectors.Create();

        var report = Analogies.Evaluate(e, Questions, method);

        Assert.Equal(5, report.Questions);
        Assert.Equal(4, report.Answered);
        Assert.Equal(1, report.Skipped);
        Assert.Equal(3, report.Correct);
        Assert.Equal(0.75, report.Accuracy, 12);
        Assert.Equal(2.0 / 3, report.SemanticAccuracy, 12);
        Assert.Equal(1.0, report.SyntacticAccuracy, 12);
        Assert.Equal(["family", "capital", "gram1-toy"], report.Categories.Select(c => c.Category));
        Assert.Equal(1, report.Categories[1].Correct);
        Assert.Equal(1, report.Categories[1].Skipped);
    }

    [Fact]
    public void Evaluate_CandidateLimit_SkipsQuestionsOutsideTheTopWords()
    {
        var e = ToyVectors.Create();

        var report = Analogies.Evaluate(e, Questions, candidateWords: 4);

        Assert.Equal(2, report.Answered);
        Assert.Equal(2, report.Correct);
        Assert.Equal(4, report.CandidateWords);
    }

    [Fact]
    public void Solve_KingMinusManPlusWoman_IsQueen()
    {
        var e = ToyVectors.Create();

        var best = Analogies.Solve(e, "man", "king", "woman");

        Assert.Equal("queen", best[0].Word);
        Assert.DoesNotContain(best, n => n.Word is "man" or "king" or "woman");
    }

    [Fact]
    public void Nearest_OfKing_IsManThenQueen()
    {
        var e = ToyVectors.Create();

        var near = e.Nearest("king", 2);

        Assert.Equal(["man", "queen"], near.Select(n => n.Word));
        Assert.Equal(Math.Sqrt(0.5), near[0].Cosine, 6);
        Assert.Equal(0.5, near[1].Cosine, 6);
    }

    [Fact]
    public void ToHtml_HasOneRowPerCategoryAndThreeTotals()
    {
        var report = Analogies.Evaluate(ToyVectors.Create(), Questions);

        string html = report.ToHtml();

        Assert.Equal(1 + 3 + 3, html.Split("<tr>").Length - 1);
        Assert.Contains("capital", html);
    }

    [Fact]
    public void Evaluate_ShippedGloVeSubset_SolvesCapitalsWell()
    {
        var glove = WordEmbeddings.From(Datasets.GloVe50d.Load());
        var questions = Datasets.GoogleAnalogy.Load().Where(q => q.Category == "capital-common-countries").ToList();

        var report = Analogies.Evaluate(glove, questions);

        Assert.Equal(506, report.Questions);
        Assert.True(report.Accuracy > 0.6, report.ToString());
    }
}
