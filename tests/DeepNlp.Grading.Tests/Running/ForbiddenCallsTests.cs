using DeepNlp.Grading.Authoring;
using DeepNlp.Grading.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Grading.Tests.Running;

/// <summary>The semantic pass over a student cell finds forbidden kit APIs however they are reached, and the ways
/// around the pass.</summary>
public class ForbiddenCallsTests
{
    private static readonly string[] Questions = ["q1", "q2"];

    private static readonly ForbiddenApi[] Rules =
    [
        new("q1", "DeepNlp.WordVectors.Word2VecGradients"),
        new("q2", "DeepNlp.NGrams"),
    ];

    private static List<Violation> Find(string code, IReadOnlyList<ForbiddenApi>? rules = null)
    {
        var options = ScriptOptions.Default.AddReferences(typeof(DeepNlp.Labs.Grader).Assembly)
            .AddImports("System", "System.Linq", "System.Collections.Generic", "DeepNlp.Labs");
        Compilation compilation = CSharpScript.Create(code, options).GetCompilation();
        return ForbiddenCalls.Find(compilation, rules ?? Rules, Questions);
    }

    [Theory]
    [InlineData("var s = DeepNlp.WordVectors.Word2VecGradients.Sigmoid(0.5);")]
    [InlineData("using static DeepNlp.WordVectors.Word2VecGradients;\nvar s = Sigmoid(0.5);")]
    [InlineData("using W = DeepNlp.WordVectors.Word2VecGradients;")]
    [InlineData("Func<double, double> f = DeepNlp.WordVectors.Word2VecGradients.Sigmoid<double>;")]
    public void ForbiddenType_IsFound_DirectlyThroughUsingStaticAliasOrDelegate(string code)
    {
        var found = Find(code);

        Assert.NotEmpty(found);
        Assert.All(found, v =>
        {
            Assert.Equal(["q1"], v.Questions);
            Assert.Contains("DeepNlp.WordVectors.Word2VecGradients", v.What, StringComparison.Ordinal);
            Assert.False(v.Blocks);
        });
    }

    [Fact]
    public void ForbiddenNamespace_CostsOnlyTheQuestionThatForbidsIt_AndNamesTheLine()
    {
        var found = Find("int x = 1;\nvar t = typeof(DeepNlp.NGrams.KneserNeyModel);");

        var v = Assert.Single(found);
        Assert.Equal(["q2"], v.Questions);
        Assert.Equal(2, v.Line);
    }

    [Theory]
    [InlineData("var f = typeof(Grader).GetField(\"Tests\", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);", "reflection")]
    [InlineData("dynamic d = 1;\nd.Foo();", "dynamic")]
    [InlineData("var t = Type.GetType(\"DeepNlp.WordVectors.Word2VecGradients, DeepNlp\");", "names")]
    [InlineData("var o = Activator.CreateInstance(typeof(object));", "reflection")]
    public void WaysAroundThePass_BlockTheCell_ForEveryQuestionWithAList(string code, string what)
    {
        var found = Find(code);

        Assert.Contains(found, v => v.Blocks && v.What.Contains(what, StringComparison.Ordinal));
    }

    [Fact]
    public void TheGradersBridge_IsRefused_EvenInALabThatForbidsNothing()
    {
        var found = Find("GradedExports.Set(\"Add#0\", new Func<int, int>(x => x));", rules: []);

        var v = Assert.Single(found);
        Assert.True(v.Blocks);
        Assert.Equal(Questions, v.Questions);
    }

    [Fact]
    public void OrdinaryCode_HasNoViolation()
    {
        const string code = """
            double[] Softmax(double[] s) { double m = s.Max(); var e = s.Select(v => Math.Exp(v - m)).ToArray(); return e.Select(v => v / e.Sum()).ToArray(); }
            var names = new List<string> { "a" };
            foreach (var n in names) Console.WriteLine(n.GetType().Name + $"{n} Softmax");
            var (a, b) = (1, 2);
            try { Expect.True(a < b, "ordered"); } catch (Exception e) { Console.WriteLine(e.GetType().Name); }
            """;

        Assert.Empty(Find(code));
    }
}
