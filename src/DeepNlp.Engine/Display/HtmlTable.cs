using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;

namespace DeepNlp.Engine.Display;

/// <summary>Formats a sequence as text (one item per line) and as an HTML table, in the spirit of Polyglot's tables.</summary>
/// <remarks>Items with public properties (records, anonymous types) get one column per property; other items one value column.</remarks>
internal static class HtmlTable
{
    public static MimeBundle Format(IEnumerable sequence, int maxRows)
    {
        var items = new List<object?>();
        var more = false;
        foreach (var item in sequence)
        {
            if (items.Count == maxRows) { more = true; break; }
            items.Add(item);
        }
        var typeName = FriendlyName(sequence.GetType());
        var text = new StringBuilder(typeName).Append(" [");
        text.AppendJoin(", ", items.Select(i => i is null ? "<null>" : DisplayFormatter.SafeToString(i)));
        text.Append(more ? ", ...]" : "]");

        var columns = Columns(items);
        var html = new StringBuilder("<table><thead><tr><th><i>index</i></th>");
        if (columns.Count == 0) html.Append("<th>value</th>");
        foreach (var c in columns) html.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < items.Count; i++)
        {
            html.Append("<tr><td>").Append(i).Append("</td>");
            if (columns.Count == 0) Cell(html, items[i]);
            else foreach (var c in columns) Cell(html, items[i] is null ? null : ValueOf(c, items[i]!));
            html.Append("</tr>");
        }
        if (more) html.Append("<tr><td colspan=\"").Append(Math.Max(2, columns.Count + 1)).Append("\"><i>(more)</i></td></tr>");
        html.Append("</tbody></table>");
        return MimeBundle.Html(html.ToString(), text.ToString());
    }

    /// <summary>One object's public properties as a two-column table; null when it has none.</summary>
    public static MimeBundle? FormatObject(object value)
    {
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type.IsPointer) return null;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .ToList();
        if (properties.Count == 0) return null;
        var values = properties.Select(p => (p.Name, Value: ValueOf(p, value))).ToList();
        var text = $"{FriendlyName(type)} {{ {string.Join(", ", values.Select(v => $"{v.Name} = {(v.Value is null ? "<null>" : DisplayFormatter.SafeToString(v.Value))}"))} }}";
        var html = new StringBuilder("<table><thead><tr><th colspan=\"2\">").Append(WebUtility.HtmlEncode(FriendlyName(type))).Append("</th></tr></thead><tbody>");
        foreach (var (name, v) in values)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td>");
            Cell(html, v);
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return MimeBundle.Html(html.ToString(), text);
    }

    private static void Cell(StringBuilder html, object? value) =>
        html.Append("<td>").Append(WebUtility.HtmlEncode(value is null ? "<null>" : DisplayFormatter.SafeToString(value))).Append("</td>");

    private static object? ValueOf(PropertyInfo property, object item)
    {
        try
        {
            return property.GetValue(item);
        }
        catch (TargetInvocationException e)
        {
            return $"<{e.InnerException?.GetType().Name ?? e.GetType().Name}>";
        }
    }

    private static List<PropertyInfo> Columns(List<object?> items)
    {
        var first = items.FirstOrDefault(i => i is not null);
        if (first is null) return [];
        var type = first.GetType();
        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum) return [];
        if (items.Any(i => i is not null && i.GetType() != type)) return [];
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToList();
    }

    private static string FriendlyName(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }
}
