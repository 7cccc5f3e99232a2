using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepNlp.Kernel.Execution;

// Inspection (inspect_request): the signature and XML documentation of the symbol at the cursor, as plain text.
internal sealed partial class CodeAssistant
{
    private const int MaxOverloads = 12;

    // Types named as the cell would name them (usings applied), members with their type, parameters and defaults.
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeRef)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut
            | SymbolDisplayParameterOptions.IncludeExtensionThis)
        .WithKindOptions(SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword);

    public string? Inspect(string code, int cursor, int detailLevel)
    {
        Compilation compilation;
        try
        {
            compilation = session.GetCompilation(code);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null;
        }
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var symbols = SymbolsAt(model, tree.GetRoot(), cursor);
        if (symbols.Count == 0) return null;

        var lines = new List<string>();
        foreach (var symbol in symbols.Take(MaxOverloads)) lines.Add(symbol.ToMinimalDisplayString(model, Math.Min(cursor, code.Length), Signature));
        if (symbols.Count > MaxOverloads) lines.Add($"(+{symbols.Count - MaxOverloads} more overloads)");
        var docs = DocumentationText.Render(symbols[0], detailLevel > 0);
        if (docs.Length > 0) lines.Add("\n" + docs);
        return string.Join("\n", lines);
    }

    /// <summary>The symbol under the cursor (or just left of it, where Jupyter puts the cursor after a word); every
    /// overload when the name is a method group.</summary>
    private static List<ISymbol> SymbolsAt(SemanticModel model, SyntaxNode root, int cursor)
    {
        foreach (var position in new[] { cursor, cursor - 1 })
        {
            if (position < 0 || position >= root.FullSpan.End) continue;
            var token = root.FindToken(position);
            if (!token.IsKind(SyntaxKind.IdentifierToken) && !token.IsKeyword() || !token.Span.Contains(position) && token.Span.End != position) continue;
            var node = token.Parent;
            if (node is null) continue;
            var info = model.GetSymbolInfo(node);
            if (info.Symbol is { } symbol) return [Unreduced(symbol)];
            if (!info.CandidateSymbols.IsEmpty) return info.CandidateSymbols.Select(Unreduced).ToList();
            if (model.GetDeclaredSymbol(node) is { } declared) return [declared];
            if (node is PredefinedTypeSyntax or TypeSyntax && model.GetTypeInfo(node).Type is { TypeKind: not TypeKind.Error } type) return [type];
        }
        return [];
    }

    private static ISymbol Unreduced(ISymbol symbol) => symbol is IMethodSymbol { ReducedFrom: { } original } ? original : symbol;
}
