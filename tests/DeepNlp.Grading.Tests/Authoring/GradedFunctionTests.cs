using DeepNlp.Grading.Authoring;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNlp.Grading.Tests.Authoring;

/// <summary>Graded functions come from the lab's solution cells with their exact signatures, and the code generated from
/// them (delegate type, export, stub) compiles and forwards every kind of parameter.</summary>
public class GradedFunctionTests
{
    private static LabCell Solution(string source) => new(3, "sol", "code", LabCellKind.Solution, "", source);

    [Fact]
    public void FromSolutionCells_KeepsSignature_Overloads_RefOutAndDefaults()
    {
        var found = GradedFunction.FromSolutionCells([Solution("""
            double Loss(double[] x, ref int calls, out double norm, double h = 1e-5) { norm = 0; return 0; }
            void Step(double[] x) { }
            void Step(double[] x, double lr) { }
            """)], "lab.ipynb");

        Assert.Equal(["Loss#0", "Step#0", "Step#1"], found.Select(f => f.Key));
        Assert.Equal("double Loss(double[] x, ref int calls, out double norm, double h = 1e-5)", found[0].Signature);
        Assert.Equal("(x, ref calls, out norm, h)", found[0].Arguments);
    }

    [Fact]
    public void FromSolutionCells_ATypeInASolutionCell_IsALabFormatError()
    {
        var e = Assert.Throws<LabFormatException>(() => GradedFunction.FromSolutionCells([Solution("class Model { }")], "lab.ipynb"));

        Assert.Contains("lab.ipynb: cell 4 (id sol): a solution cell may declare methods only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedCode_ExportsTheStudentsFunction_AndTheStubCallsIt()
    {
        var f = GradedFunction.FromSolutionCells([Solution("double Scale(double[] x, ref int calls, double by = 2) { return 0; }")], "lab.ipynb").Single();
        var options = ScriptOptions.Default.AddReferences(typeof(DeepNlp.Labs.Grader).Assembly).AddImports("System", "System.Linq");

        var prefix = await CSharpScript.RunAsync(f.DelegateDeclaration(), options);
        var student = await prefix.ContinueWithAsync("double Scale(double[] x, ref int calls, double by = 2) { calls++; return x.Sum() * by; }\n" + f.ExportCode());
        var tests = await prefix.ContinueWithAsync(f.StubCode() + "\nint n = 0;\nvar r = Scale(new[] { 1.0, 2.0 }, ref n);\n(r, n)");

        Assert.NotNull(student);
        Assert.Equal((6.0, 1), tests.ReturnValue);
    }
}
