using System.Diagnostics;
using System.Runtime.Loader;
using System.Text;
using DeepNlp.Engine.Compilation;
using DeepNlp.Engine.Display;
using DeepNlp.Engine.Packages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Execution;

/// <summary>Runs C# cells one after another with script semantics (a chain of Roslyn script submissions): state carries
/// across cells.</summary>
/// <remarks>
/// <para>What a cell gets: the .NET Interactive C# kernel's default usings (<see cref="DefaultUsings"/>), the globals of
/// <see cref="CellGlobals"/> (<c>display</c>, <c>HTML</c>, <c>Cancellation</c>), top-level <c>await</c>, and the value of a
/// trailing expression (no semicolon) raised as a <see cref="CellResult"/>. Directives: <c>#r "nuget: Id, Version"</c>,
/// <c>#i "nuget: SOURCE"</c>, <c>#r "path.dll"</c> (relative to <see cref="NotebookSessionOptions.NotebookDirectory"/>; the
/// assemblies it references from its own folder become references too and resolve from that folder at run time),
/// <c>#!csharp</c> / <c>#!c#</c> / <c>#!C#</c>, <c>#!time</c>; any other <c>#!</c> directive fails the cell naming it.</para>
/// <para>Events arrive through <see cref="EventRaised"/> on the thread that produced them (the cell's thread, or a thread
/// the cell started); <see cref="CellOutcome.Events"/> repeats those of one cell in order.</para>
/// <para>Stopping a cell (<see cref="Interrupt"/>, the per-cell timeout, or the caller's token) first cancels
/// <see cref="CellGlobals.Cancellation"/>, then after <see cref="NotebookSessionOptions.StopGracePeriod"/> calls
/// Thread.Interrupt on the cell's thread (which ends sleeps, waits and joins), then after another grace period abandons
/// the thread: .NET cannot abort threads, so an abandoned cell may keep running; the outcome then says
/// <see cref="CellOutcome.StateRecovered"/> = false and the session keeps the state from before the cell.</para>
/// <para>For the kernel's completion and inspection: <see cref="GetCompilation"/> compiles code as the next submission
/// (directives blanked, offsets unchanged) so a SemanticModel can look up symbols at the cursor; the kernel implements
/// complete_request and inspect_request with it. <see cref="IsComplete"/> answers is_complete_request.</para>
/// <para>Each session loads its cells' assemblies into its own load context for good (they never unload), so a notebook
/// runner should use one process per notebook. How cells compile and load: <see cref="SubmissionCompiler"/>.</para>
/// </remarks>
public sealed partial class NotebookSession : IDisposable
{
    /// <summary>The usings every cell starts with, as the .NET Interactive C# kernel had them.</summary>
    public static readonly IReadOnlyList<string> DefaultUsings =
    [
        "System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http",
        "System.Text", "System.Threading", "System.Threading.Tasks",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _streamLock = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly CellGlobals _globals;
    private readonly PackageRestorer _restorer;
    private readonly Dictionary<string, PackageRequest> _requestedPackages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _loadedPackages = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _packageSources = new();
    private readonly HashSet<string> _referencedPaths = new(StringComparer.Ordinal);
    private readonly List<string> _probeFolders = new();
    /// <summary>The assembly files <c>#r</c> directives named, in order (<see cref="AddNewSiblingReferences"/>).</summary>
    private readonly List<string> _directReferences = new();
    private readonly CellSourceMap _sourceMap = new();
    private readonly SubmissionCompiler _compiler;
    private readonly SubmissionLoadContext _loadContext = new();
    /// <summary>Every reference cells compile against; replaced, never changed, when one is added (so that a prepared
    /// submission can tell by identity whether it still fits).</summary>
    private IReadOnlyList<MetadataReference> _references = FrameworkReferences.Core;
    /// <summary>References added since the last submission of <see cref="_chain"/> was compiled. A later submission inherits
    /// its predecessors' references, so it is given only these: passing all of them again makes Roslyn resolve and
    /// de-duplicate every one for every cell, about a millisecond of a trivial cell's compile.</summary>
    private readonly List<MetadataReference> _referencesSinceState = new();
    private bool _allFramework;
    private SubmissionChain _chain;
    /// <summary>The next submission, bound ahead while the session waits (only touched while holding the gate).</summary>
    private PreboundSubmission? _prebound;
    /// <summary>The thread cells run on; replaced when a cell had to be interrupted or was given up on.</summary>
    private CellThread? _cellThread;
    private RunningCell? _current;
    private int _executionCount;
    private bool _disposed;

    /// <summary>Creates a session; nothing is compiled until the first cell.</summary>
    /// <param name="options">Folder, timeout and package settings; defaults when null.</param>
    public NotebookSession(NotebookSessionOptions? options = null)
    {
        Options = options ?? new NotebookSessionOptions();
        NotebookDirectory = Path.GetFullPath(Options.NotebookDirectory ?? Directory.GetCurrentDirectory());
        _globals = new CellGlobals(this);
        _restorer = new PackageRestorer(Options.PackageCacheDirectory ?? PackageRestorer.DefaultCacheDirectory());
        _packageSources.AddRange(Options.PackageSources);
        _compiler = new SubmissionCompiler(DefaultUsings, NotebookDirectory);
        _chain = new SubmissionChain(_globals);
        ConsoleRouter.Install();
        AssemblyLoadContext.Default.Resolving += ResolveFromProbeFolders;
    }

    /// <summary>Adds references for every later cell (see <see cref="_referencesSinceState"/>), less those to an assembly
    /// the session already references (<see cref="ReferenceIdentity"/>). When one supplies a dependency that an assembly
    /// referenced before lacked, the chain's submissions are compiled again with it (<see cref="SubmissionCompiler.Recompile"/>),
    /// so that values earlier cells made still fit; <paramref name="recompiled"/> is that chain when the caller has it already.</summary>
    private void AddReferences(IReadOnlyCollection<MetadataReference> added, CSharpCompilation? recompiled = null)
    {
        var references = ReferenceIdentity.Except(added, _references);
        if (references.Count == 0) return;
        var before = _references;
        _references = [.. _references, .. references];
        _referencesSinceState.AddRange(references);
        if (recompiled is null && _chain.Last is { } last && ReferenceIdentity.Supplies(references, before))
            recompiled = SubmissionCompiler.Recompile(last, _references);
        if (recompiled is null) return;
        _chain.Rebase(recompiled);
        _referencesSinceState.Clear();
        RecompiledChains++;
    }

    /// <summary>Every event any cell of this session produces, in order, on the producing thread.</summary>
    public event Action<ExecutionEvent>? EventRaised;

    /// <summary>The settings this session was created with.</summary>
    public NotebookSessionOptions Options { get; }

    /// <summary>The folder relative <c>#r</c> paths resolve against (absolute).</summary>
    public string NotebookDirectory { get; }

    /// <summary>How many cells have been executed (the last execution count).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>The formatter used for displays and results (one per session: plotly.js is sent once).</summary>
    public DisplayFormatter Formatter { get; } = new();

    /// <summary>Packages loaded by <c>#r "nuget:"</c> so far, id to resolved version (transitive ones included).</summary>
    public IReadOnlyDictionary<string, string> LoadedPackages => _loadedPackages;

    /// <summary>How many times the chain was compiled again for a reference that earlier cells' types depend on
    /// (<see cref="AddReferences"/>); for tests.</summary>
    internal int RecompiledChains { get; private set; }

    /// <summary>How many cells compiled on a submission bound ahead of time (<see cref="PreboundSubmission"/>); for tests.</summary>
    internal int PreboundCells { get; private set; }

    /// <summary>Where the last executed cell's time went (<see cref="CellPhases"/>); null before the first. For the browser
    /// host's measure lines.</summary>
    internal CellPhases? LastPhases { get; private set; }

    /// <summary>Completes when the next cell's submission has been bound ahead; null when none is being prepared. For tests.</summary>
    internal Task? NextSubmissionPrepared => _prebound?.Prepared;

    /// <summary>The cancellation token of the running cell (<see cref="CancellationToken.None"/> between cells).</summary>
    internal CancellationToken CurrentCellToken => _current?.Stop.Token ?? CancellationToken.None;

    /// <summary>Stops the running cell, if any (see the class remarks for how); returns at once.</summary>
    public void Interrupt()
    {
        var cell = _current;
        if (cell is null) return;
        cell.Interrupted = true;
        try { cell.Stop.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>Removes the session's assembly resolver; the loaded assemblies stay in the process.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _prebound?.Claim();
        _cellThread?.Retire();
        AssemblyLoadContext.Default.Resolving -= ResolveFromProbeFolders;
    }

    /// <summary>Remembers the current end of the chain of cells, so that a later <see cref="Restore"/> can branch from it.</summary>
    /// <remarks>Waits for a running cell to finish. For the grader (see <see cref="SessionMark"/>).</remarks>
    internal SessionMark Mark()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gate.Wait();
        try { return new SessionMark(_chain.Fork(), _references, [.. _referencesSinceState], _allFramework); }
        finally { _gate.Release(); }
    }

    /// <summary>Makes the next cell continue from <paramref name="mark"/> instead of from the last cell: the cells run
    /// since the mark are out of scope for every later cell (their objects stay alive wherever something refers to them).</summary>
    /// <param name="mark">A mark of this session.</param>
    internal void Restore(SessionMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gate.Wait();
        try
        {
            _prebound?.Claim();
            _prebound = null;
            _chain = mark.Chain.Fork();
            _references = mark.References;
            _referencesSinceState.Clear();
            _referencesSinceState.AddRange(mark.ReferencesSinceState);
            _allFramework = mark.AllFramework;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Says whether <paramref name="code"/> is a complete submission (Jupyter's is_complete_request).</summary>
    /// <remarks>Incomplete: the parser wants more text (open brace, string, statement). Invalid: complete, but with a
    /// syntax error that more text at the end cannot fix. Complete otherwise.</remarks>
    /// <param name="code">The code typed so far.</param>
    public CodeCompleteness IsComplete(string code)
    {
        var blanked = CellDirectives.Parse(code, NotebookDirectory).Code;
        if (string.IsNullOrWhiteSpace(blanked)) return CodeCompleteness.Complete;
        var tree = CSharpSyntaxTree.ParseText(blanked, SubmissionCompiler.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return CodeCompleteness.Incomplete;
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? CodeCompleteness.Invalid : CodeCompleteness.Complete;
    }

    /// <summary>Compiles <paramref name="code"/> as the next submission without running it, for completion and inspection.</summary>
    /// <param name="code">The cell text; directive lines are blanked with spaces, so positions in it stay valid.</param>
    /// <returns>The submission's compilation; its single syntax tree is the code (use GetSemanticModel on it).</returns>
    public Microsoft.CodeAnalysis.Compilation GetCompilation(string code)
    {
        var blanked = CellDirectives.Parse(code, NotebookDirectory).Code;
        // Completion and inspection see every framework assembly, whichever set the cells compile against so far.
        var references = SubmissionReferences(_chain.Last);
        if (!_allFramework) references = [.. references, .. FrameworkRestNotReferenced()];
        return _compiler.Create(blanked, "", _chain.Last, references);
    }

    /// <summary>The framework assemblies outside the core set whose assembly the session does not reference yet (in a
    /// browser that set is made from every loaded assembly, the kit's included: <see cref="ReferenceIdentity"/>).</summary>
    private IReadOnlyList<MetadataReference> FrameworkRestNotReferenced() => ReferenceIdentity.Except(FrameworkReferences.Rest, _references);

    /// <summary>What the submission after <paramref name="previous"/> is given: every reference for the first, those added
    /// since for a later one (see <see cref="_referencesSinceState"/>).</summary>
    private IReadOnlyList<MetadataReference> SubmissionReferences(CSharpCompilation? previous) =>
        previous is null ? _references : [.. _referencesSinceState];

    internal DisplayHandle Display(object? value)
    {
        var id = Guid.NewGuid().ToString("N");
        FlushStreams();
        Emit(new Displayed(CurrentCount, FormatSafely(value), id));
        return new DisplayHandle(id, Update);
    }

    private void Update(string displayId, object? value)
    {
        FlushStreams();
        Emit(new DisplayUpdated(CurrentCount, FormatSafely(value), displayId));
    }

    private MimeBundle FormatSafely(object? value)
    {
        lock (Formatter)
        {
            try
            {
                return Formatter.Format(value);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var inner = e is System.Reflection.TargetInvocationException { InnerException: { } i } ? i : e;
                return MimeBundle.Plain($"<could not format {value?.GetType().Name}: {inner.GetType().Name}: {inner.Message}>");
            }
        }
    }

    internal void WriteStream(StreamName stream, string text)
    {
        string? ready;
        lock (_streamLock)
        {
            var buffer = stream == StreamName.Stdout ? _stdout : _stderr;
            buffer.Append(text);
            var cut = LastLineBreak(buffer);
            if (cut < 0) return;
            ready = buffer.ToString(0, cut + 1);
            buffer.Remove(0, cut + 1);
        }
        Emit(new StreamText(CurrentCount, stream, ready));
    }

    internal void FlushStreams()
    {
        string? stdout = null, stderr = null;
        lock (_streamLock)
        {
            if (_stdout.Length > 0) { stdout = _stdout.ToString(); _stdout.Clear(); }
            if (_stderr.Length > 0) { stderr = _stderr.ToString(); _stderr.Clear(); }
        }
        if (stdout is not null) Emit(new StreamText(CurrentCount, StreamName.Stdout, stdout));
        if (stderr is not null) Emit(new StreamText(CurrentCount, StreamName.Stderr, stderr));
    }

    private static int LastLineBreak(StringBuilder buffer)
    {
        for (var i = buffer.Length - 1; i >= 0; i--)
            if (buffer[i] is '\n' or '\r') return i;
        return -1;
    }

    private int CurrentCount => _current?.Count ?? ExecutionCount;

    private void Emit(ExecutionEvent e)
    {
        var cell = _current;
        if (cell is not null && cell.Count == e.ExecutionCount)
            lock (cell.Events) cell.Events.Add(e);
        EventRaised?.Invoke(e);
    }

    private System.Reflection.Assembly? ResolveFromProbeFolders(AssemblyLoadContext context, System.Reflection.AssemblyName name)
    {
        string[] folders;
        lock (_probeFolders) folders = _probeFolders.ToArray();
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }

    /// <summary>State of the cell being executed.</summary>
    private sealed class RunningCell(int count, CancellationToken caller)
    {
        public int Count { get; } = count;
        public CancellationTokenSource Stop { get; } = CancellationTokenSource.CreateLinkedTokenSource(caller);
        public List<ExecutionEvent> Events { get; } = new();
        public CellPhases Phases { get; } = new();
        public volatile bool Interrupted;
        public volatile bool TimedOut;
    }
}
