using DeepNlp.Engine.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepNlp.Kernel.Execution;

/// <summary>Completion (complete_request) from the session's current script state, via Roslyn's semantic model.</summary>
/// <remarks>The engine compiles the cell as the next submission (<see cref="NotebookSession.GetCompilation"/>), so earlier
/// cells' variables, <c>#r</c> references and usings are all in scope. After a dot the members of the expression's type
/// (instance members and extension methods), of a type (static members) or of a namespace are offered; elsewhere every
/// symbol in scope plus C# keywords. Matches start with the word typed so far (case-insensitively), exact-case first.</remarks>
internal sealed partial class CodeAssistant(NotebookSession session)
{
    private const int MaxMatches = 500;

    public CompletionSet Complete(string code, int cursor)
    {
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        Compilation compilation;
        try
        {
            compilation = session.GetCompilation(code);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return CompletionSet.None(cursor);
        }
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var before = start > 0 ? tree.GetRoot().FindToken(start - 1) : default;

        IEnumerable<ISymbol> symbols;
        var keywords = Enumerable.Empty<string>();
        if (before.IsKind(SyntaxKind.DotToken) && QualifierOf(before) is { } qualifier)
            symbols = MembersOf(model, qualifier, start);
        else
        {
            symbols = model.LookupSymbols(start);
            keywords = Keywords;
        }

        var names = symbols
            .Where(s => s.CanBeReferencedByName && (s is not IMethodSymbol m || m.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension))
            .Select(s => s.Name)
            .Concat(keywords)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Take(MaxMatches)
            .ToList();
        return new CompletionSet(names, start, cursor);
    }

    /// <summary>The expression or name left of a member-access dot (<c>x.</c>, <c>x?.</c>, <c>System.</c>).</summary>
    private static ExpressionSyntax? QualifierOf(SyntaxToken dot) => dot.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression,
        QualifiedNameSyntax name => name.Left,
        MemberBindingExpressionSyntax binding => binding.Parent?.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
        _ => null,
    };

    private static IEnumerable<ISymbol> MembersOf(SemanticModel model, ExpressionSyntax qualifier, int position)
    {
        var symbol = model.GetSymbolInfo(qualifier).Symbol;
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return model.LookupNamespacesAndTypes(position, ns);
            case INamedTypeSymbol type when !IsValueOfSameName(model, qualifier, type):
                return model.LookupStaticMembers(position, type).Concat(model.LookupNamespacesAndTypes(position, type));
        }
        var valueType = model.GetTypeInfo(qualifier).Type;
        if (valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && qualifier.Parent is not MemberAccessExpressionSyntax)
            valueType = nullable.TypeArguments[0];
        if (valueType is null || valueType.TypeKind == TypeKind.Error) return [];
        return model.LookupSymbols(position, valueType, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }

    /// <summary>"Color Color": a value whose name equals its type's name binds as the type; offer instance members then.</summary>
    private static bool IsValueOfSameName(SemanticModel model, ExpressionSyntax qualifier, INamedTypeSymbol type) =>
        qualifier is IdentifierNameSyntax id && model.LookupSymbols(qualifier.SpanStart, name: id.Identifier.ValueText)
            .Any(s => s is ILocalSymbol or IFieldSymbol or IPropertySymbol or IParameterSymbol);

    private static readonly string[] Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is",
        "lock", "long", "nameof", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private",
        "protected", "public", "readonly", "record", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked",
        "unsafe", "ushort", "using", "var", "virtual", "void", "volatile", "when", "where", "while", "yield",
    ];
}
