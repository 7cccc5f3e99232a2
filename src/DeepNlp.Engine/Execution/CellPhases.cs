using System.Diagnostics;

namespace DeepNlp.Engine.Execution;

/// <summary>Where one cell's time went, phase by phase, in milliseconds (each phase from the end of the one before).</summary>
/// <remarks>For the browser host's measure lines (<c>tests/browser/live.mjs</c>): a warm trivial cell is a few
/// milliseconds natively and tens of milliseconds on the WebAssembly interpreter, and the target is met or missed in
/// these parts. Taking the stamps costs a few timestamp reads per cell. Phases a cell did not reach stay zero.</remarks>
internal sealed class CellPhases
{
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Directives parsed and <c>#r</c> references added.</summary>
    public double Directives { get; private set; }
    /// <summary>The cell parsed as script code.</summary>
    public double Parse { get; private set; }
    /// <summary>The submission created and its references bound (or taken from the prebound submission).</summary>
    public double Compile { get; private set; }
    /// <summary>Binding, lowering and IL emit to memory (<c>Compilation.Emit</c>), the errors collected.</summary>
    public double Emit { get; private set; }
    /// <summary>The image loaded into the session's load context and the factory bound.</summary>
    public double Load { get; private set; }
    /// <summary>Whether the cell ends in a value (a semantic model over its last statement).</summary>
    public double Inspect { get; private set; }
    /// <summary>The submission ran (constructed in its slot, body executed).</summary>
    public double Run { get; private set; }
    /// <summary>The value formatted into a MIME bundle and the result event raised (the host's serialisation included,
    /// since events are raised synchronously).</summary>
    public double Display { get; private set; }

    private double Lap()
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
        _last = now;
        return ms;
    }

    internal void DirectivesDone() => Directives = Lap();
    internal void ParseDone() => Parse = Lap();
    internal void CompileDone() => Compile = Lap();
    internal void EmitDone() => Emit = Lap();
    internal void LoadDone() => Load = Lap();
    internal void InspectDone() => Inspect = Lap();
    internal void RunDone() => Run = Lap();
    internal void DisplayDone() => Display = Lap();
}
