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
