using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Kernel.Execution;

/// <summary>Turns a symbol's XML documentation into plain text: summary, parameters, returns (and remarks, exceptions on detail).</summary>
/// <remarks>Framework symbols compile against implementation assemblies, which carry no XML; their docs are looked up by
/// documentation id in the SDK's reference pack (<c>packs/Microsoft.NETCore.App.Ref/VERSION/ref/net10.0/*.xml</c>).</remarks>
internal static class DocumentationText
{
    public static string Render(ISymbol symbol, bool detailed)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml) && symbol.GetDocumentationCommentId() is { } id)
            xml = FrameworkDocumentation.Find(id, symbol.ContainingAssembly?.Name);
        if (string.IsNullOrWhiteSpace(xml)) return "";
        XElement member;
        try
        {
            member = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return "";
        }
        var text = new StringBuilder();
        Section(text, null, member.Element("summary"));
        foreach (var p in member.Elements("param"))
            Section(text, $"{p.Attribute("name")?.Value}: ", p);
        Section(text, "Returns: ", member.Element("returns"));
        if (detailed)
        {
            Section(text, "Remarks: ", member.Element("remarks"));
            foreach (var e in member.Elements("exception"))
                Section(text, $"Throws {Cref(e.Attribute("cref")?.Value)}: ", e);
        }
        return text.ToString().TrimEnd();
    }

    private static void Section(StringBuilder text, string? label, XElement? element)
    {
        if (element is null) return;
        var body = Flatten(element).Trim();
        if (body.Length == 0) return;
        text.Append(label).AppendLine(string.Join(" ", body.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
    }

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("langword")?.Value ?? Cref(e.Attribute("cref")?.Value) ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
                XElement { Name.LocalName: "para" } e => "\n" + Flatten(e) + "\n",
                XElement e => Flatten(e),
                _ => "",
            });
        }
        return text.ToString();
    }

    /// <summary>The short name of a cref: "T:System.Collections.Generic.List`1" becomes "List".</summary>
    private static string? Cref(string? cref)
    {
        if (cref is null) return null;
        var name = cref.Contains(':') ? cref[(cref.IndexOf(':') + 1)..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        name = name[(name.LastIndexOf('.') + 1)..];
        var tick = name.IndexOf('`');
        return tick >= 0 ? name[..tick] : name;
    }
}
