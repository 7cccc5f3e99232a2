using System.Diagnostics;
using System.Reflection.Metadata;
using System.Runtime.InteropServices;
using DeepNlp.Engine.Compilation;
using DeepNlp.Engine.Display;
using DeepNlp.Engine.Packages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Execution;

public sealed partial class NotebookSession
{
    /// <summary>Executes one cell: directives, compilation, then the code on its own thread.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="cancellationToken">Stops the cell like <see cref="Interrupt"/> does.</param>
    /// <returns>How the cell ended, with its events. Failures are reported here (and as a <see cref="CellFailed"/> event), not thrown.</returns>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the cell
    /// was still waiting for an earlier one to finish (once it runs, cancellation is reported in the outcome).</exception>
    /// <remarks>Cells run one at a time; a second call waits for the first to finish. The per-cell timeout counts from
    /// the moment the compiled cell starts running (restores and compilation are not included).</remarks>
    public async Task<CellOutcome> ExecuteAsync(string code, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(code);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var cell = new RunningCell(Interlocked.Increment(ref _executionCount), cancellationToken);
        var clock = Stopwatch.StartNew();
        _current = cell;
        try
        {
            var (status, error, recovered) = await RunCellAsync(cell, code).ConfigureAwait(false);
            LastPhases = cell.Phases;
            PrepareNextSubmission();
            FlushStreams();
            if (error is not null) Emit(new CellFailed(cell.Count, error));
            List<ExecutionEvent> events;
            lock (cell.Events) events = [.. cell.Events];
            return new CellOutcome(cell.Count, status, error, clock.Elapsed, events, recovered);
        }
        finally
        {
            _current = null;
            cell.Stop.Dispose();
            _gate.Release();
        }
    }

    /// <summary>What <see cref="WarmUpAsync"/> runs: an expression with a lambda, a generic collection, LINQ and a value,
    /// so the compiler's binding, lowering, emit and loading paths all run once; it declares nothing a cell can see.</summary>
    private const string WarmUpCode = "new List<int> { 1 }.Select(x => x + 1).Sum()";

    /// <summary>Loads and JIT-compiles the compiler by running a small first submission that declares nothing.</summary>
    /// <param name="cancellationToken">Abandons the warm-up (a cell arriving meanwhile waits for it instead).</param>
    /// <remarks>Optional: a front end (the kernel) calls it right after start so that the user's first cell does not pay
    /// for Roslyn's start-up. It changes no state a cell can see and does not count as an execution. Its submission
    /// starts the chain the cells continue (the first compilation of a chain binds every reference from scratch, a later
    /// one reuses its predecessor's binding). A cell that arrives during the warm-up waits for it rather than cancelling
    /// it: the cell would have to pay for the same first compilation itself.</remarks>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_chain.Last is not null) return;
            var compilation = _compiler.Create(WarmUpCode, "", null, _references);
            var submission = SubmissionCompiler.EmitAndLoad(compilation, _loadContext, out _, cancellationToken)
                ?? throw new InvalidOperationException("the warm-up submission did not compile");
            HasTrailingValue(compilation);
            var value = await _chain.Run(submission).ConfigureAwait(false);
            _chain.Append(submission);
            _referencesSinceState.Clear();
            FormatSafely(value);
            PrepareNextSubmission();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(CellStatus, CellError?, bool)> RunCellAsync(RunningCell cell, string source)
    {
        var directives = CellDirectives.Parse(source, NotebookDirectory);
        if (directives.Error is not null) return (CellStatus.CompileError, directives.Error, true);
        var clock = Stopwatch.StartNew();

        if (AddAssemblyReferences(directives) is { } referenceError) return (CellStatus.CompileError, referenceError, true);
        var phases = cell.Phases;
        if (directives.Packages.Count > 0 || directives.PackageSources.Count > 0)
        {
            try
            {
                await AddPackagesAsync(directives, cell.Stop.Token).ConfigureAwait(false);
            }
            catch (PackageRestoreException e)
            {
                var line = directives.Packages.FirstOrDefault()?.Line;
                return (CellStatus.CompileError, new CellError("PackageError", e.Message, e.Message.Split('\n'), line, line is null ? null : 1), true);
            }
            catch (OperationCanceledException)
            {
                return Stopped(cell, "while restoring packages", true);
            }
        }

        var filePath = $"cell{cell.Count}.csx";
        if (string.IsNullOrWhiteSpace(directives.Code))
        {
            ReportTime(directives, clock);
            return (CellStatus.Ok, null, true);
        }

        // The first cell is the first submission itself (no empty submission before it: that would be one more
        // compile, emit and load on the path to the first result); later cells continue from the state before them.
        var chain = _chain;
        var previous = chain.Last;
        var references = SubmissionReferences(previous);
        var prebound = _prebound;
        _prebound = null;
        phases.DirectivesDone();
        var tree = SubmissionCompiler.Parse(directives.Code, filePath);
        phases.ParseDone();
        var compilation = prebound?.TryCreate(previous, _references, tree);
        if (compilation is not null) PreboundCells++;
        else compilation = _compiler.Create(tree, previous, references);
        phases.CompileDone();
        CompiledSubmission? submission;
        List<Diagnostic> errors;
        try
        {
            submission = SubmissionCompiler.EmitAndLoad(compilation, _loadContext, out errors, cell.Stop.Token, phases);
            if (errors.Count > 0 && !_allFramework)
            {
                // Perhaps the cell needs a framework assembly outside the core set (FrameworkReferences): try all of them,
                // after the cells before it, compiled again with them if they supply a dependency of what those bound.
                var rest = FrameworkRestNotReferenced();
                var recompiled = previous is not null && ReferenceIdentity.Supplies(rest, _references)
                    ? SubmissionCompiler.Recompile(previous, [.. _references, .. rest]) : null;
                var retry = recompiled is null ? _compiler.Create(tree, previous, [.. references, .. rest]) : _compiler.Create(tree, recompiled, []);
                var retried = SubmissionCompiler.EmitAndLoad(retry, _loadContext, out var retryErrors, cell.Stop.Token);
                if (retryErrors.Count == 0) UseAllFramework(recompiled);
                (compilation, submission, errors) = (retry, retried, retryErrors);
            }
        }
        catch (OperationCanceledException) when (cell.Stop.IsCancellationRequested)
        {
            return Stopped(cell, "while compiling", true);
        }
        if (submission is null) return (CellStatus.CompileError, CompileError(errors), true);
        _sourceMap.Add(compilation, filePath);
        var hasValue = HasTrailingValue(compilation);
        phases.InspectDone();
        using var timer = Options.CellTimeout is { } limit
            ? new Timer(_ => { cell.TimedOut = true; try { cell.Stop.Cancel(); } catch (ObjectDisposedException) { } }, null, limit, Timeout.InfiniteTimeSpan)
            : null;

        // Completes with the cell's value, or its exception, once the submission has been constructed in its slot (then
        // the chain goes on from it, as after any cell that ran, failed or not); faults with the stop before that.
        var done = new TaskCompletionSource<(object? Value, Exception? Exception)>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!CellThread.IsSupported)
            return await RunInlineAsync(cell, chain, submission, filePath, directives, clock, hasValue).ConfigureAwait(false);
        if (_cellThread is not { IsRetired: false } cellThread) _cellThread = cellThread = new CellThread("notebook cells");
        cellThread.Post(() =>
        {
            ConsoleRouter.Route(this);
            Task<object> run;
            try
            {
                cell.Stop.Token.ThrowIfCancellationRequested();
                run = chain.Run(submission);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
                return;
            }
            try
            {
                done.TrySetResult((run.GetAwaiter().GetResult(), null));
            }
            catch (Exception e)
            {
                done.TrySetResult((null, e));
            }
        });

        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cell.Stop.Token.Register(() => stopRequested.TrySetResult()))
            await Task.WhenAny(done.Task, stopRequested.Task).ConfigureAwait(false);
        if (!done.Task.IsCompleted)
        {
            if (!await Finishes(done.Task, Options.StopGracePeriod).ConfigureAwait(false))
            {
                cellThread.Interrupt();
                if (!await Finishes(done.Task, Options.StopGracePeriod).ConfigureAwait(false))
                    return Stopped(cell, "and did not stop: its thread was abandoned and may still be running and changing "
                        + "shared objects; the state from before this cell is kept, but restart to be safe", false);
            }
        }

        object? value;
        Exception? exception;
        try
        {
            (value, exception) = await done.Task.ConfigureAwait(false);
        }
        catch (Exception e) when (IsStop(e) && cell.Stop.IsCancellationRequested)
        {
            return Stopped(cell, "", true);
        }
        catch (Exception e)
        {
            return (CellStatus.RuntimeError, RuntimeError(e, filePath), true);
        }

        return Complete(cell, chain, submission, filePath, directives, clock, hasValue, value, exception, cell.TimedOut);
    }

    /// <summary>Runs a compiled cell on the calling thread, awaiting it instead of blocking: the path where threads cannot
    /// be started (.NET on WebAssembly without threads, <see cref="CellThread.IsSupported"/>).</summary>
    /// <remarks>Same semantics as the threaded path (the chain goes on from the cell whether it failed or not, values are
    /// formatted the same way) except stopping: a single thread cannot stop a cell that does not return, so the host
    /// (the browser's page) stops it by ending the whole runtime (the Web Worker) and starting a new session.</remarks>
    private async Task<(CellStatus, CellError?, bool)> RunInlineAsync(RunningCell cell, SubmissionChain chain, CompiledSubmission submission,
        string filePath, CellDirectives directives, Stopwatch clock, bool hasValue)
    {
        ConsoleRouter.Route(this);
        object? value = null;
        Exception? exception = null;
        try
        {
            cell.Stop.Token.ThrowIfCancellationRequested();
            var run = chain.Run(submission);
            try { value = await run.ConfigureAwait(false); }
            catch (Exception e) { exception = e; }
        }
        catch (Exception e) when (IsStop(e) && cell.Stop.IsCancellationRequested)
        {
            return Stopped(cell, "", true);
        }
        catch (Exception e)
        {
            return (CellStatus.RuntimeError, RuntimeError(e, filePath), true);
        }
        // No grace-period outcome here: the timer cannot stop a cell on the thread it runs on (see the remarks).
        return Complete(cell, chain, submission, filePath, directives, clock, hasValue, value, exception, timedOut: false);
    }

    /// <summary>What both execution paths do once the cell's submission has run (failed or not): the chain goes on from it,
    /// its output is flushed, and its value or exception becomes the cell's outcome. With <c>timedOut</c> (the cell's time
    /// limit fired while it ran) a cell that still finished is reported as stopped.</summary>
    private (CellStatus, CellError?, bool) Complete(RunningCell cell, SubmissionChain chain, CompiledSubmission submission, string filePath,
        CellDirectives directives, Stopwatch clock, bool hasValue, object? value, Exception? exception, bool timedOut)
    {
        cell.Phases.RunDone();
        chain.Append(submission);
        _referencesSinceState.Clear();
        FlushStreams();
        if (exception is not null)
        {
            if (cell.Stop.IsCancellationRequested && IsStop(exception)) return Stopped(cell, "", true);
            return (CellStatus.RuntimeError, RuntimeError(exception, filePath), true);
        }
        if (timedOut) return Stopped(cell, "(it finished during the grace period)", true);
        ReportTime(directives, clock);
        if (hasValue && value is not DisplayHandle)
            Emit(new CellResult(cell.Count, FormatSafely(value)));
        cell.Phases.DisplayDone();
        return (CellStatus.Ok, null, true);
    }

    /// <summary>Starts binding the next cell's submission while the session waits for it (<see cref="PreboundSubmission"/>).</summary>
    private void PrepareNextSubmission()
    {
        if (_chain.Last is not { } last || _prebound?.Fits(last, _references) == true) return;
        _prebound?.Claim();
        _prebound = new PreboundSubmission(_compiler, last, _references, [.. _referencesSinceState], Options.PrepareDelay);
    }

    /// <summary>From now on every cell compiles against all framework assemblies (see <see cref="FrameworkReferences"/>);
    /// <paramref name="recompiled"/>: the chain compiled again with them, when the retry needed that.</summary>
    private void UseAllFramework(CSharpCompilation? recompiled)
    {
        if (_allFramework) return;
        AddReferences([.. FrameworkReferences.Rest], recompiled);
        _allFramework = true;
    }

    /// <summary>True when the submission ends in an expression statement without semicolon whose type is not void.</summary>
    private static bool HasTrailingValue(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        var root = (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot();
        if (root.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
            {
                Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
            })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private void ReportTime(CellDirectives directives, Stopwatch clock)
    {
        if (!directives.Time) return;
        FlushStreams();
        Emit(new StreamText(CurrentCount, StreamName.Stdout, $"Wall time: {clock.Elapsed.TotalMilliseconds:F1} ms\n"));
    }

    private static async Task<bool> Finishes(Task task, TimeSpan within) =>
        await Task.WhenAny(task, Task.Delay(within)).ConfigureAwait(false) == task;

    private static bool IsStop(Exception e) => e switch
    {
        OperationCanceledException or ThreadInterruptedException => true,
        AggregateException a => a.InnerExceptions.All(IsStop),
        System.Reflection.TargetInvocationException { InnerException: { } i } => IsStop(i),
        _ => false,
    };

    private (CellStatus, CellError?, bool) Stopped(RunningCell cell, string detail, bool recovered)
    {
        var timedOut = cell.TimedOut && !cell.Interrupted;
        var what = timedOut
            ? $"the cell ran past the {Options.CellTimeout!.Value.TotalSeconds:0.###} s timeout"
            : "the cell was interrupted";
        var message = string.IsNullOrEmpty(detail) ? what : $"{what} {detail}";
        var error = new CellError(timedOut ? "Timeout" : "Interrupted", message, [message], null, null);
        return (timedOut ? CellStatus.TimedOut : CellStatus.Interrupted, error, recovered);
    }

    private static CellError CompileError(IReadOnlyList<Diagnostic> errors)
    {
        var lines = errors.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }).ToList();
        var first = errors[0].Location.GetLineSpan().StartLinePosition;
        return new CellError("CompilationError", $"{errors[0].Id}: {errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture)}",
            lines, first.Line + 1, first.Character + 1);
    }

    private CellError RuntimeError(Exception exception, string cellFile)
    {
        var e = Unwrap(exception);
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
        // Cells carry no PDB (see CellSourceMap): their frames are located on demand.
        var cellFrame = frames.Select(f => _sourceMap.Locate(f, cellFile)).FirstOrDefault(at => at is not null);
        int? line = cellFrame?.Line;
        int? column = cellFrame?.Column;
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        if (line is not null) traceback.Add($"   at the cell, line {line}, column {column}");
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType?.FullName ?? "";
            // The engine's own frames below the cell: the chain that ran it and the session's cell thread.
            if (type.StartsWith("DeepNlp.Engine.Compilation.", StringComparison.Ordinal)) continue;
            if (type.StartsWith("DeepNlp.Engine.Execution.NotebookSession", StringComparison.Ordinal)) continue;
            if (type.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)) continue;
            if (type.StartsWith("Submission#", StringComparison.Ordinal)) continue;
            var where = frame.GetFileName() is { } file && frame.GetFileLineNumber() > 0 ? $" in {Path.GetFileName(file)}:line {frame.GetFileLineNumber()}" : "";
            traceback.Add($"   at {type}.{method?.Name}{where}");
        }
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        return new CellError(e.GetType().Name, e.Message, traceback, line, column);
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        System.Reflection.TargetInvocationException { InnerException: { } i } => Unwrap(i),
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        _ => e,
    };

    private CellError? AddAssemblyReferences(CellDirectives directives)
    {
        var references = new List<MetadataReference>();
        foreach (var (path, line) in directives.AssemblyPaths)
        {
            if (!File.Exists(path))
            {
                var message = $"#r: assembly not found: {path}";
                return new CellError("DirectiveError", message, [$"line {line}: {message}"], line, 1);
            }
            lock (_probeFolders)
                if (!_probeFolders.Contains(Path.GetDirectoryName(path)!)) _probeFolders.Add(Path.GetDirectoryName(path)!);
            lock (_directReferences)
                if (!_directReferences.Contains(path)) _directReferences.Add(path);
            AddWithSiblings(path, line, references);
        }
        if (references.Count > 0) AddReferences(references);
        return null;
    }

    /// <summary>Adds to <paramref name="references"/> the assembly at <paramref name="path"/> and its sibling dependencies
    /// (<see cref="AssemblyFolder.WithSiblingDependencies"/>) that no cell references yet.</summary>
    private void AddWithSiblings(string path, int line, List<MetadataReference> references)
    {
        var files = AssemblyFolder.WithSiblingDependencies(path);
        foreach (var file in files)
        {
            if (!_referencedPaths.Add(file)) continue;
            references.Add(CreateReference(file));
            // Typically the `course` tool's own copy of DeepNlp.dll, older than the artifacts/lib/ one the notebook names.
            if (AssemblyFolder.LoadedDifferentBuild(file) is { } loaded)
                WriteStream(StreamName.Stderr, $"warning: line {line}: this process already runs another build of "
                    + $"{Path.GetFileName(file)} (from {loaded.Location}); cells compile against {file} but run that one. "
                    + "Rebuild the kit (dotnet build Course.sln -c Release) and restart the kernel.\n");
        }
        AddRuntimeDependencies(files, references);
    }

    /// <summary>Adds to <paramref name="references"/> the assemblies that <paramref name="files"/> reference, that are not
    /// files beside them and not referenced yet, and that the runtime supplies (<see cref="FrameworkReferences.TryGet"/>): a
    /// framework assembly outside the core set; in a browser also the kit's MathNet, shipped in the app, not in lib/.</summary>
    /// <remarks>Now and not when a later cell first needs one (the fall-back to every framework assembly): in a browser that
    /// set holds only the assemblies loaded when it is first made, and a dependency that arrives late makes the session
    /// compile the chain again (<see cref="AddReferences"/>; before that existed, lecture 06 in the browser failed with
    /// CS0411 at its power-iteration cell, the first to name MathNet).</remarks>
    private void AddRuntimeDependencies(IReadOnlyList<string> files, List<MetadataReference> references)
    {
        var present = ReferenceIdentity.SimpleNames([.. _references, .. references]);
        foreach (var file in files) present.Add(Path.GetFileNameWithoutExtension(file));
        foreach (var name in files.SelectMany(AssemblyFolder.ReferencedNames).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            if (!present.Add(name)) continue;
            if (FrameworkReferences.TryGet(name) is { } reference) references.Add(reference);
        }
    }

    /// <summary>Adds, for every later cell, the sibling dependencies that have appeared beside the assemblies the cells'
    /// <c>#r</c> directives named, as running those directives again would; returns how many references it added.</summary>
    /// <remarks>For the browser host, which writes a library's heavy dependencies (the chart stack: Plotly.NET, FSharp.Core,
    /// ...) beside it only when a cell first needs them, so that a lecture without charts never downloads or binds them.
    /// Natively every sibling is there from the first <c>#r</c>, and this adds nothing. Values that earlier cells made of the
    /// library's types still fit its methods afterwards: the chain is compiled again with the new references
    /// (<see cref="AddReferences"/>). Waits for a running cell.</remarks>
    internal int AddNewSiblingReferences()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gate.Wait();
        try
        {
            string[] paths;
            lock (_directReferences) paths = [.. _directReferences];
            var references = new List<MetadataReference>();
            foreach (var path in paths) AddWithSiblings(path, 0, references);
            if (references.Count > 0) AddReferences(references);
            return references.Count;
        }
        finally { _gate.Release(); }
    }

    private static MetadataReference CreateReference(string path)
    {
        var xml = Path.ChangeExtension(path, ".xml");
        return MetadataReference.CreateFromFile(path, documentation: File.Exists(xml) ? new XmlDocumentation(xml) : null);
    }
}
