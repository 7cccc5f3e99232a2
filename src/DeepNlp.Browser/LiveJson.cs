using System.Text.Json.Serialization;

namespace DeepNlp.Browser;

/// <summary>One engine event as the page receives it (the shape of a Jupyter output, flattened).</summary>
/// <param name="Kind">stream, display, update, result or error.</param>
/// <param name="Count">The cell's execution count.</param>
public sealed record LiveEvent(string Kind, int Count)
{
    /// <summary>Stream name (stdout, stderr) or error name.</summary>
    public string? Name { get; init; }
    /// <summary>Stream text or error message.</summary>
    public string? Text { get; init; }
    /// <summary>MIME type → data (JSON MIME types as JSON text).</summary>
    public Dictionary<string, string>? Data { get; init; }
    /// <summary>The display's id, for updates.</summary>
    public string? DisplayId { get; init; }
    /// <summary>The error's traceback lines.</summary>
    public string[]? Traceback { get; init; }
    /// <summary>The error's line in the cell.</summary>
    public int? Line { get; init; }
}

/// <summary>How a cell ended.</summary>
/// <param name="Count">Its execution count.</param>
/// <param name="Status">The engine's <c>CellStatus</c>.</param>
/// <param name="Milliseconds">Its duration in the engine.</param>
public sealed record LiveOutcome(int Count, string Status, double Milliseconds)
{
    /// <summary>Where the cell's time went in the engine (milliseconds per phase), for the live check's measure lines.</summary>
    public LivePhases? Phases { get; init; }
}

/// <summary>A cell's time in the engine, phase by phase, in milliseconds (the engine's <c>CellPhases</c>).</summary>
/// <param name="Directives">Directives and <c>#r</c> references.</param>
/// <param name="Parse">Parsing the cell.</param>
/// <param name="Compile">Creating the submission and binding its references.</param>
/// <param name="Emit">Binding, lowering and emitting IL.</param>
/// <param name="Load">Loading the image and binding its factory.</param>
/// <param name="Inspect">Finding whether the cell ends in a value.</param>
/// <param name="Run">Running the submission.</param>
/// <param name="Display">Formatting the value and posting the result event (its JSON included).</param>
public sealed record LivePhases(double Directives, double Parse, double Compile, double Emit, double Load, double Inspect, double Run, double Display);

/// <summary>Source-generated JSON for the browser boundary (no reflection-based serialization needed).</summary>
[JsonSerializable(typeof(LiveEvent))]
[JsonSerializable(typeof(LiveOutcome))]
[JsonSerializable(typeof(LivePhases))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class LiveJson : JsonSerializerContext;
