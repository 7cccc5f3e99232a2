using System.Collections;
using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Display;

/// <summary>One value rendered in several MIME types; always carries <c>text/plain</c>.</summary>
/// <remarks>
/// Values are strings. For JSON MIME types (<c>application/json</c>, <c>*+json</c>, e.g. Plotly's
/// <c>application/vnd.plotly.v1+json</c>) the string is serialised JSON, and <see cref="ToJsonObject"/> embeds it as a
/// JSON object, which is the shape nbformat and the Jupyter protocol expect.
/// </remarks>
public sealed class MimeBundle : IReadOnlyDictionary<string, string>
{
    /// <summary>The plain-text MIME type every bundle carries.</summary>
    public const string TextPlain = "text/plain";

    /// <summary>HTML.</summary>
    public const string TextHtml = "text/html";

    /// <summary>Plotly's figure JSON, rendered natively by JupyterLab (with the plotly extension) and VS Code.</summary>
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    private readonly Dictionary<string, string> _data;

    /// <summary>Creates a bundle.</summary>
    /// <param name="textPlain">The plain-text form.</param>
    /// <param name="others">Other MIME types and their data; a <c>text/plain</c> entry here is ignored.</param>
    public MimeBundle(string textPlain, IEnumerable<KeyValuePair<string, string>>? others = null)
    {
        ArgumentNullException.ThrowIfNull(textPlain);
        _data = new Dictionary<string, string>(StringComparer.Ordinal) { [TextPlain] = textPlain };
        if (others is null) return;
        foreach (var (mime, data) in others)
            if (mime != TextPlain) _data[mime] = data;
    }

    /// <summary>A bundle with only text/plain.</summary>
    public static MimeBundle Plain(string text) => new(text);

    /// <summary>A bundle with text/html and its plain-text fallback.</summary>
    public static MimeBundle Html(string html, string textPlain) => new(textPlain, [new(TextHtml, html)]);

    /// <summary>The text/plain form.</summary>
    public string Text => _data[TextPlain];

    /// <summary>Returns a copy with one MIME type added or replaced (text/plain cannot be removed).</summary>
    public MimeBundle With(string mime, string data)
    {
        var copy = new Dictionary<string, string>(_data) { [mime] = data };
        return new MimeBundle(copy[TextPlain], copy);
    }

    /// <summary>True for MIME types whose data is JSON rather than text.</summary>
    public static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>The bundle as nbformat/Jupyter <c>data</c>: text as (multiline) strings, JSON types as objects.</summary>
    public JsonObject ToJsonObject()
    {
        var obj = new JsonObject();
        foreach (var (mime, data) in _data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            obj[mime] = IsJsonMime(mime) ? JsonNode.Parse(data) : Notebooks.NotebookJson.ToMultiline(data);
        return obj;
    }

    /// <inheritdoc/>
    public string this[string key] => _data[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _data.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => _data.Values;

    /// <inheritdoc/>
    public int Count => _data.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _data.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out string value) => _data.TryGetValue(key, out value!);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _data.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text/plain form.</summary>
    public override string ToString() => Text;
}
