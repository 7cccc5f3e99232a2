namespace DeepNlp.Engine.Display;

/// <summary>A displayed output that can be replaced in place; what a cell's <c>display(obj)</c> returns.</summary>
/// <remarks>
/// Progress bars and live charts call <see cref="Update"/> repeatedly; a front end shows the latest content where the
/// display first appeared (Jupyter's <c>update_display_data</c>; the headless runner rewrites the stored output).
/// </remarks>
public sealed class DisplayHandle
{
    private readonly Action<string, object?> _update;

    internal DisplayHandle(string displayId, Action<string, object?> update)
    {
        DisplayId = displayId;
        _update = update;
    }

    /// <summary>The display id (unique within a session).</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed content with <paramref name="value"/>, formatted like any display.</summary>
    /// <param name="value">The new content (a string, an object, a chart, <c>HTML(...)</c>).</param>
    public void Update(object? value) => _update(DisplayId, value);

    /// <summary>Text shown when a cell's trailing expression is the handle itself.</summary>
    public override string ToString() => $"display {DisplayId}";
}
