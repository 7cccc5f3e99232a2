using DeepNlp.Engine.Compilation;
using DeepNlp.Engine.Execution;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Engine.Tests.Compilation;

/// <summary>A session references each assembly once, whichever road (file, loaded metadata) brings it a second time.</summary>
public class ReferenceIdentityTests
{
    [Fact]
    public void Except_LoadedMetadataOfAnAssemblyReferencedAsAFile_IsLeftOut()
    {
        var engine = typeof(CellGlobals).Assembly;
        var asFile = MetadataReference.CreateFromFile(engine.Location);
        // The browser's framework set is made this way from every loaded assembly, the kit's included.
        var loaded = FrameworkReferences.FromLoadedAssemblies([engine, typeof(Assert).Assembly]);

        var kept = ReferenceIdentity.Except(loaded, [asFile]);

        Assert.Equal(ReferenceIdentity.Of(asFile), ReferenceIdentity.Of(loaded[0]));
        Assert.Equal([typeof(Assert).Assembly.GetName().FullName], kept.Select(ReferenceIdentity.Of));
    }
}
