using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Engine.Compilation;

/// <summary>Serves a referenced assembly's XML documentation file to Roslyn (what inspection shows), read lazily.</summary>
internal sealed class XmlDocumentation(string path) : DocumentationProvider
{
    private Dictionary<string, string>? _members;

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default)
    {
        _members ??= Load(path);
        return _members.GetValueOrDefault(documentationMemberID);
    }

    private static Dictionary<string, string> Load(string path)
    {
        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => m.Attribute("name")!.Value)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            return new Dictionary<string, string>();
        }
    }

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other.Path == Path;

    public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);

    private string Path => path;
}
