using System.Reflection;
using System.Text;
using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests;

/// <summary>The engine's public API is what the kernel, the CLI and the grader build on: a change shows up as a diff of
/// PublicApi.approved.txt (rewrite it from PublicApi.received.txt when the change is intended).</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedSnapshot()
    {
        var projectDir = FindProjectDir();
        var approvedPath = Path.Combine(projectDir, "PublicApi.approved.txt");
        var actual = Describe(typeof(NotebookSession).Assembly);

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved != actual) File.WriteAllText(Path.Combine(projectDir, "PublicApi.received.txt"), actual);

        Assert.Equal(approved, actual);
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(Enum) && b != typeof(ValueType))
                .Concat(type.GetInterfaces().Where(i => !i.IsGenericType || i.Namespace?.StartsWith("System", StringComparison.Ordinal) == true))
                .Select(t => Name(t!)).Order(StringComparer.Ordinal);
            text.Append(kind).Append(' ').Append(type.FullName);
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
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString()!,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`')];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }
        return type.Name;
    }

    private static string FindProjectDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepNlp.Engine.Tests.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("DeepNlp.Engine.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
