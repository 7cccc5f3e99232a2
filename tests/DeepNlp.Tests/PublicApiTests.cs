using System.Globalization;
using System.Reflection;
using System.Text;
using DeepNlp.Training;

namespace DeepNlp.Tests;

/// <summary>The library's public API is what the lectures, the labs and students' code build on: any change to it shows
/// up as a diff of PublicApi.approved.txt, reviewed like code.</summary>
/// <remarks>
/// When the test fails it writes the API it found to <c>tests/DeepNlp.Tests/PublicApi.received.txt</c>. If the change is
/// intended, accept it with either
/// <code>
/// cp tests/DeepNlp.Tests/PublicApi.received.txt tests/DeepNlp.Tests/PublicApi.approved.txt
/// DEEPNLP_ACCEPT_API=1 dotnet test tests/DeepNlp.Tests -c Release --filter PublicApi   # rewrites approved, then passes
/// </code>
/// and commit the approved file (the received file is ignored by git). After merging branches that change the API,
/// regenerate once on the merged tree.
/// </remarks>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedSnapshot()
    {
        var projectDir = FindProjectDir();
        var approvedPath = Path.Combine(projectDir, "PublicApi.approved.txt");
        var receivedPath = Path.Combine(projectDir, "PublicApi.received.txt");

        var actual = Describe(typeof(Trainer).Assembly);

        if (Environment.GetEnvironmentVariable("DEEPNLP_ACCEPT_API") == "1") File.WriteAllText(approvedPath, actual);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved != actual) File.WriteAllText(receivedPath, actual);
        else if (File.Exists(receivedPath)) File.Delete(receivedPath);
        Assert.Equal(approved, actual);
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(Enum) && b != typeof(ValueType))
                .Concat(type.GetInterfaces())
                .Select(t => Name(t!)).Order(StringComparer.Ordinal);
            text.Append(kind).Append(' ').Append(Name(type, full: true));
            var list = string.Join(", ", bases);
            if (list.Length > 0) text.Append(" : ").Append(list);
            text.Append('\n');
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(Flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m.Name != "<Clone>$" && m is not Type)
                .Select(Member)
                .Order(StringComparer.Ordinal);
            foreach (var m in members) text.Append("  ").Append(m).Append('\n');
        }
        return text.ToString();
    }

    private static string Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name}{Indexer(p)} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString()!,
    };

    private static string GenericArguments(MethodInfo m) =>
        m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Indexer(PropertyInfo p)
    {
        var index = p.GetIndexParameters();
        return index.Length == 0 ? "" : $"[{string.Join(", ", index.Select(i => $"{Name(i.ParameterType)} {i.Name}"))}]";
    }

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + Default(p.DefaultValue) : "")}"));

    private static string Default(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string Name(Type type, bool full = false)
    {
        var prefix = full ? type.Namespace + "." + (type.DeclaringType is { } outer ? Name(outer) + "+" : "") : "";
        if (type.IsGenericType)
        {
            int tick = type.Name.IndexOf('`');
            var name = tick < 0 ? type.Name : type.Name[..tick];
            return $"{prefix}{name}<{string.Join(", ", type.GetGenericArguments().Select(a => Name(a)))}>";
        }
        return prefix + type.Name;
    }

    private static string FindProjectDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepNlp.Tests.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("DeepNlp.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
