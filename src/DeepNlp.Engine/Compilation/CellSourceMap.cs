using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace DeepNlp.Engine.Compilation;

/// <summary>Finds the cell line of a stack frame in cell code, from a PDB emitted only when a cell has failed.</summary>
/// <remarks>
/// <para>Why: emitting each cell's PDB along with its assembly costs about 1.5-2 ms of a trivial cell's ~10 ms (the
/// portable PDB lists every referenced assembly), and the only reader of cell line numbers is the error report. So
/// cells are emitted without debug information, and when one fails, its compilation is emitted once more with a
/// portable PDB, whose sequence points map the frame's IL offset to a line. Roslyn emits the same IL with or without a
/// PDB (debug information never changes optimized code), so the offsets agree; tests hold the engine to it.</para>
/// <para>What is lost: .NET's own exception text (an <c>e.ToString()</c> printed by a cell) shows cell frames without
/// file and line.</para>
/// </remarks>
internal sealed class CellSourceMap
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (CSharpCompilation Compilation, string File)> _cells = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetadataReaderProvider?> _pdbs = new(StringComparer.Ordinal);

    /// <summary>Remembers a compiled cell: its assembly (named after the compilation) and its file name.</summary>
    public void Add(CSharpCompilation compilation, string file)
    {
        lock (_gate) _cells[compilation.AssemblyName!] = (compilation, file);
    }

    /// <summary>The line and column (1-based) of <paramref name="frame"/> in the cell compiled from
    /// <paramref name="file"/>; null when the frame is in other code (another cell's included: its PDB is not emitted)
    /// or has no line (compiler-generated code).</summary>
    public (int Line, int Column)? Locate(StackFrame frame, string file)
    {
        var method = frame.GetMethod();
        var offset = frame.GetILOffset();
        if (method is null || offset == StackFrame.OFFSET_UNKNOWN) return null;
        var assembly = method.Module.Assembly.GetName().Name;
        if (assembly is null) return null;
        MetadataReader? pdb;
        lock (_gate)
        {
            if (!_cells.TryGetValue(assembly, out var cell) || cell.File != file) return null;
            pdb = Pdb(assembly, cell.Compilation)?.GetMetadataReader();
        }
        if (pdb is null) return null;
        var handle = MetadataTokens.MethodDefinitionHandle(method.MetadataToken & 0x00FFFFFF);
        SequencePoint? found = null;
        foreach (var point in pdb.GetMethodDebugInformation(handle).GetSequencePoints())
        {
            if (point.Offset > offset) break;
            if (!point.IsHidden) found = point;
        }
        return found is { } p ? (p.StartLine, p.StartColumn) : null;
    }

    private MetadataReaderProvider? Pdb(string assembly, CSharpCompilation compilation)
    {
        if (_pdbs.TryGetValue(assembly, out var provider)) return provider;
        var pdb = new MemoryStream();
        try
        {
            var result = compilation.Emit(new MemoryStream(), pdb,
                options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
            provider = result.Success ? MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb.ToArray())) : null;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET on WebAssembly without threads: Roslyn computes each PDB document's checksum with Task.Run and then
            // blocks on it, and a single thread cannot block. The error is then reported without its cell line.
            provider = null;
        }
        _pdbs[assembly] = provider;
        return provider;
    }
}
