using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Tests.Authoring;

public class SolutionRegionsTests
{
    [Fact]
    public void Strip_ReplacesRegionWithThrowOfTheTodoText_KeepingIndentation()
    {
        var source = "int F()\n{\n    // BEGIN SOLUTION\n    // TODO: return the answer,\n    // which is 42.\n    return 42;\n    // END SOLUTION\n}";

        var student = SolutionRegions.Strip(source, markdown: false, "cell 1");

        Assert.Equal("int F()\n{\n    // TODO: return the answer, which is 42.\n    throw new NotImplementedException(\"return the answer, which is 42.\");\n}", student);
    }

    [Fact]
    public void Strip_WithoutTodo_UsesTheRegionsFirstComment()
    {
        var source = "// BEGIN SOLUTION\nvar x = 1;\n// compute \"x\" twice\nx *= 2;\n// END SOLUTION";

        var student = SolutionRegions.Strip(source, markdown: false, "cell 1");

        Assert.Equal("// TODO: compute \"x\" twice\nthrow new NotImplementedException(\"compute \\\"x\\\" twice\");", student);
    }

    [Fact]
    public void Strip_KernelRegion_LeavesTheTodoWithoutAThrow()
    {
        var source = "static void K(Index1D i, ArrayView<float> y)\n{\n    // BEGIN SOLUTION (kernel)\n    // TODO: y[i] = 1.\n    y[i] = 1f;\n    // END SOLUTION\n}";

        var student = SolutionRegions.Strip(source, markdown: false, "cell 4");

        Assert.Equal("static void K(Index1D i, ArrayView<float> y)\n{\n    // TODO: y[i] = 1.\n" +
            "    // (A kernel cannot throw: until this body is written it does nothing, and the check below fails.)\n}", student);
        Assert.True(SolutionRegions.HasRegion(source, markdown: false));
    }

    [Fact]
    public void Strip_Markdown_ReplacesTheModelAnswerWithAPlaceholder()
    {
        var student = SolutionRegions.Strip("Question?\n<!-- BEGIN SOLUTION -->\nThe answer.\n<!-- END SOLUTION -->", markdown: true, "cell 2");

        Assert.Equal("Question?\n" + SolutionRegions.AnswerPlaceholder, student);
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx();", "cell 3, line 1: BEGIN SOLUTION without END SOLUTION")]
    [InlineData("x();\n// END SOLUTION", "cell 3, line 2: END SOLUTION without BEGIN SOLUTION")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "cell 3, line 2: BEGIN SOLUTION inside the region opened on line 1")]
    public void Strip_UnbalancedMarkers_NameTheCellAndLine(string source, string expected)
    {
        var e = Assert.Throws<LabFormatException>(() => SolutionRegions.Strip(source, markdown: false, "cell 3"));

        Assert.Equal(expected, e.Message);
    }
}
