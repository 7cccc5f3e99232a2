using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DeepNlp.Engine.Compilation;

/// <summary>Compiles a cell as the next submission of a chain, emits it to memory and loads it, with Roslyn's public
/// compiler API only.</summary>
/// <remarks>
/// <para>How a chain works: <c>CSharpCompilation.CreateScriptCompilation</c> with the previous submission's compilation
/// makes a submission that sees everything its predecessors declared (variables become fields of their submission
/// classes). Emitting it gives an assembly whose entry point is a static factory <c>&lt;Factory&gt;(object[])</c>: it
/// constructs the submission, which stores itself in its slot of the array and reads its predecessors from theirs (slot
/// 0 holds the globals object, <see cref="Execution.CellGlobals"/>), and runs its body, returning the value of a
/// trailing expression. <see cref="SubmissionChain"/> owns that array. This is what Roslyn's scripting layer does
/// underneath; calling the compiler directly lets the engine choose the options the scripting layer fixes: sequential
/// build (<c>concurrentBuild: false</c>, which for a few lines saves thread-pool hand-offs, about 2 ms of a trivial cell
/// on two cores, and is the only mode a browser's single thread allows) and no separate pass for warnings.</para>
/// <para>Nothing here needs <c>Assembly.Location</c>: references are whatever <see cref="FrameworkReferences"/> and the
/// session give, which may come from memory, so the same path can run under WebAssembly.</para>
/// </remarks>
internal sealed class SubmissionCompiler
{
    /// <summary>How cells are parsed: C# script, latest language version, no documentation comments.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private static int _submissionCount;
    private readonly CSharpCompilationOptions _options;

    /// <summary>Creates a compiler for one session.</summary>
    /// <param name="usings">The namespaces every cell imports.</param>
    /// <param name="baseDirectory">The folder <c>#load</c> paths resolve against.</param>
    public SubmissionCompiler(IEnumerable<string> usings, string baseDirectory)
    {
        _options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            usings: usings,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: true,
            platform: Platform.AnyCpu,
            warningLevel: 4,
            concurrentBuild: false,
            sourceReferenceResolver: new SourceFileResolver([], baseDirectory),
            assemblyIdentityComparer: DesktopAssemblyIdentityComparer.Default);
    }

    /// <summary>The submission of <paramref name="code"/> after <paramref name="previous"/>, with its references bound
    /// (<see cref="ReferenceBinding"/>).</summary>
    /// <param name="code">The cell's code, directives blanked.</param>
    /// <param name="filePath">The name errors and the PDB give the cell (<c>cell3.csx</c>).</param>
    /// <param name="previous">The submission it continues; null for the first of a chain.</param>
    /// <param name="references">The first submission's references, or those added since <paramref name="previous"/>
    /// (a later submission inherits its predecessors' references; passing them again only makes Roslyn resolve and
    /// de-duplicate each one for every cell).</param>
    public CSharpCompilation Create(string code, string filePath, CSharpCompilation? previous, IEnumerable<MetadataReference> references) =>
        Create(Parse(code, filePath), previous, references);

    /// <summary>The submission of an already parsed cell (<see cref="Parse"/>); otherwise as
    /// <see cref="Create(string, string, CSharpCompilation?, IEnumerable{MetadataReference})"/>.</summary>
    public CSharpCompilation Create(SyntaxTree tree, CSharpCompilation? previous, IEnumerable<MetadataReference> references)
    {
        var number = Interlocked.Increment(ref _submissionCount);
        var compilation = CSharpCompilation.CreateScriptCompilation(
            $"cells-{Environment.ProcessId}-{number}",
            tree,
            references,
            _options.WithScriptClassName($"Submission#{number}"),
            previous,
            returnType: typeof(object),
            globalsType: typeof(Execution.CellGlobals));
        ReferenceBinding.Bind(compilation);
        return compilation;
    }

    /// <summary>The chain of submissions that ends in <paramref name="last"/>, compiled again (bound, not emitted) from the
    /// same code, assembly names and options, its first submission with <paramref name="references"/>.</summary>
    /// <remarks>For a reference that arrives once cells have made values (a library's dependency written beside it later,
    /// as the browser does with the chart stack; a <c>#r</c> or the fall-back to every framework assembly that supplies a
    /// dependency an earlier reference lacked). Roslyn binds an assembly whose dependency was missing to other symbols than
    /// the same assembly with it, and a submission sees its predecessors' variables with the types of their own
    /// compilation: an earlier <c>Box&lt;double&gt;</c> would no longer fit the library's methods in the next cell (CS0411,
    /// CS1503). Compiled again, every submission of the chain and the next cell bind the library once, alike. Nothing runs
    /// again: the next cell's code names its predecessors by assembly and type name, which are unchanged, so at run time it
    /// reaches the submissions already loaded and their objects. Costs one reference binding per submission of the chain
    /// (each binds its declarations again only when a later cell uses them).</remarks>
    /// <param name="last">The chain's last submission.</param>
    /// <param name="references">Every reference of the session now.</param>
    public static CSharpCompilation Recompile(CSharpCompilation last, IReadOnlyList<MetadataReference> references)
    {
        var submissions = new Stack<CSharpCompilation>();
        for (CSharpCompilation? c = last; c is not null; c = c.ScriptCompilationInfo?.PreviousScriptCompilation) submissions.Push(c);
        CSharpCompilation? previous = null;
        while (submissions.TryPop(out var submission))
        {
            previous = CSharpCompilation.CreateScriptCompilation(submission.AssemblyName!, submission.SyntaxTrees.Single(),
                previous is null ? references : [], submission.Options, previous, typeof(object), typeof(Execution.CellGlobals));
            ReferenceBinding.Bind(previous);
        }
        return previous!;
    }

    private static Task<object> NothingToRun(object[] submissionArray) => Task.FromResult<object>(null!);

    /// <summary>Parses a cell as script code. The UTF-8 encoding is what a PDB emitted later needs (<see cref="CellSourceMap"/>).</summary>
    public static SyntaxTree Parse(string code, string filePath) =>
        CSharpSyntaxTree.ParseText(SourceText.From(code, Encoding.UTF8), ParseOptions, filePath);

    /// <summary>Emits <paramref name="compilation"/> to memory without a PDB, loads it into <paramref name="context"/> and
    /// binds its entry point.</summary>
    /// <param name="compilation">A submission from <see cref="Create(SyntaxTree, CSharpCompilation?, IEnumerable{MetadataReference})"/>.</param>
    /// <param name="context">The session's load context.</param>
    /// <param name="errors">The errors (warnings are dropped: the engine shows none); empty when it compiled.</param>
    /// <param name="cancellationToken">Stops the compilation.</param>
    /// <param name="phases">Where to stamp the end of emit and of load (the browser host's measure lines); optional.</param>
    /// <returns>The loaded submission (one that runs nothing when the code declares and does nothing), or null when
    /// there were errors.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CompiledSubmission? EmitAndLoad(CSharpCompilation compilation, SubmissionLoadContext context,
        out List<Diagnostic> errors, CancellationToken cancellationToken, Execution.CellPhases? phases = null)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image, cancellationToken: cancellationToken);
        errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.IsWarningAsError).ToList();
        phases?.EmitDone();
        if (errors.Count > 0) return null;
        // A submission with nothing to emit (only usings) "fails" without an error: Roslyn emits no assembly for it and
        // gives it no slot in the submission array. It still joins the chain, so later cells see its usings.
        if (!result.Success) return new CompiledSubmission(compilation, NothingToRun);
        image.Position = 0;
        var assembly = context.LoadSubmission(image);
        var entryPoint = compilation.GetEntryPoint(cancellationToken)
            ?? throw new InvalidOperationException($"submission {compilation.AssemblyName} has no entry point");
        var factory = assembly.GetType(entryPoint.ContainingType.MetadataName, throwOnError: true)!
            .GetTypeInfo().GetDeclaredMethod(entryPoint.MetadataName)!
            .CreateDelegate<Func<object[], Task<object>>>();
        phases?.LoadDone();
        return new CompiledSubmission(compilation, factory);
    }
}
