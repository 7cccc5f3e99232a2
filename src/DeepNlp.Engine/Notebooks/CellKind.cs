namespace DeepNlp.Engine.Notebooks;

/// <summary>The kind of a notebook cell, as nbformat's <c>cell_type</c> spells it.</summary>
public enum CellKind
{
    /// <summary><c>"code"</c>: C# source the engine executes.</summary>
    Code,

    /// <summary><c>"markdown"</c>: prose with LaTeX; the engine skips it.</summary>
    Markdown,

    /// <summary><c>"raw"</c>: passed through untouched.</summary>
    Raw,
}
