using DeepNlp.Engine.Compilation;

namespace DeepNlp.Engine.Tests.Compilation;

/// <summary>Which assemblies count as the framework's when the references come from the loaded assemblies (the browser).</summary>
public class FrameworkReferencesTests
{
    [Theory]
    [InlineData("System.Runtime", true)]
    [InlineData("System.Runtime.Serialization.Primitives", true)]
    [InlineData("netstandard", true)]
    [InlineData("mscorlib", true)]
    [InlineData("Microsoft.CSharp", true)]
    [InlineData("DeepNlp", false)]
    [InlineData("DeepNlp.Engine", false)]
    [InlineData("Plotly.NET", false)]
    [InlineData("FSharp.Core", false)]
    [InlineData("MathNet.Numerics", false)]
    [InlineData("SystemWide", false)]
    public void IsFrameworkName_KeepsOnlyTheFrameworksAssemblies(string name, bool framework)
    {
        var result = FrameworkReferences.IsFrameworkName(name);

        Assert.Equal(framework, result);
    }
}
