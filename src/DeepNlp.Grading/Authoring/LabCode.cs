using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepNlp.Grading.Authoring;

/// <summary>Reads a lab cell's C# as a script submission (directive lines blanked), for the grader's decisions.</summary>
internal static class LabCode
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Parses a cell; <c>#r</c>/<c>#i</c>/<c>#!</c> lines become blank lines so positions stay valid.</summary>
    public static CompilationUnitSyntax Parse(string source) =>
        (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(BlankDirectives(source), Script).GetRoot();

    /// <summary>True when a code cell only declares (methods, types, usings) and runs no statement: the lab provides it,
    /// and the grader runs the lab's copy before both branches.</summary>
    public static bool DeclaresOnly(string source)
    {
        var root = Parse(source);
        return root.Members.Count > 0
            && root.Members.All(m => m is MethodDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
    }

    /// <summary>Replaces directive lines (<c>#r</c>, <c>#i</c>, <c>#!</c>) with spaces.</summary>
    public static string BlankDirectives(string source)
    {
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string t = lines[i].TrimStart();
            if (t.StartsWith("#r ", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal) || t.StartsWith("#!", StringComparison.Ordinal))
                lines[i] = new string(' ', lines[i].TrimEnd('\r').Length) + (lines[i].EndsWith('\r') ? "\r" : "");
        }
        return string.Join('\n', lines);
    }
}
