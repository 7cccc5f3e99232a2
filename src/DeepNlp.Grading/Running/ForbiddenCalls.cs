using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Running;

/// <summary>What a student cell may not do while graded, found by a semantic pass over the cell as it will compile.</summary>
/// <param name="Questions">The questions it costs (every autograded question for <see cref="Blocks"/> violations).</param>
/// <param name="Line">One-based line in the cell.</param>
/// <param name="What">The reference, as feedback shows it.</param>
/// <param name="Blocks">True when the cell must not run at all (reflection, <c>dynamic</c>, the grader's own API):
/// those are ways around the pass or into the grader, not shortcuts to an answer.</param>
internal sealed record Violation(IReadOnlyList<string> Questions, int Line, string What, bool Blocks);

/// <summary>Finds references from a student cell to the kit APIs a lab forbids, and to ways around that check.</summary>
/// <remarks>
/// Every node of the cell is bound: names, member accesses, invocations, object creations, operators, user-defined
/// conversions, <c>foreach</c> enumerators, deconstructions and attributes, so a call is found whether it is written
/// directly, through <c>using static</c> or an alias, or turned into a delegate. Because names could also be looked up at
/// run time, these are refused in every graded cell of a lab that forbids anything: reflection (<c>System.Reflection</c>,
/// <c>System.Type</c>'s lookups by name, <c>Activator</c>, <c>AppDomain</c>, assembly loading, expression trees,
/// <c>UnsafeAccessor</c>), <c>dynamic</c>, and a string that names a forbidden type. The grader's own bridge
/// (<c>DeepNlp.Labs.GradedExports</c>, <c>Grader.RunForGrading</c>) is refused in every lab.
/// </remarks>
internal static class ForbiddenCalls
{
    private static readonly string[] ReflectionNamespaces =
        ["System.Reflection", "System.Runtime.Loader", "System.Linq.Expressions", "Microsoft.CSharp.RuntimeBinder"];

    private static readonly string[] ReflectionTypes =
        ["System.Activator", "System.AppDomain", "System.Runtime.CompilerServices.UnsafeAccessorAttribute", "System.Runtime.CompilerServices.RuntimeHelpers",
         "System.Runtime.InteropServices.Marshal", "System.Runtime.InteropServices.NativeLibrary", "System.Runtime.InteropServices.GCHandle"];

    private static readonly string[] GraderInternals = ["DeepNlp.Labs.GradedExports", "DeepNlp.Labs.Grader.RunForGrading", "DeepNlp.Labs.LabScope"];

    public static List<Violation> Find(Compilation compilation, IReadOnlyList<ForbiddenApi> forbidden, IReadOnlyList<string> questions)
    {
        var found = new List<Violation>();
        var names = new List<string>();   // the name behind each finding, for the chain rule in Add
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var strict = questions.Where(q => forbidden.Any(f => f.Question == q)).ToList();
        // One finding per line, kind and name chain: `Ns.Type.Member` on a line also binds `Ns.Type` and `Ns`, and only the
        // most specific of those is kept; two unrelated names on one line (`BeamSearch.Score(..., LengthPenalty.Average)`)
        // are both reported, so the feedback names every forbidden call.
        var seen = new Dictionary<(int Line, string Questions, bool Blocks, string Kind), List<int>>();
        void Add(SyntaxNode node, IReadOnlyList<string> qs, string name, string what, bool blocks, string kind)
        {
            if (qs.Count == 0) return;
            int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var key = (line, string.Join(",", qs), blocks, kind);
            if (!seen.TryGetValue(key, out var at)) seen[key] = at = [];
            foreach (int i in at)
            {
                string other = names[i];
                if (Covered(other, name)) return;                        // a more specific name of this chain is already there
                if (Covered(name, other))
                {
                    found[i] = found[i] with { What = what };
                    names[i] = name;
                    return;
                }
            }
            at.Add(found.Count);
            names.Add(name);
            found.Add(new Violation(qs, line, what, blocks));
        }
        void Check(SyntaxNode node, ISymbol? symbol)
        {
            if (symbol is null) return;
            if (symbol is IMethodSymbol { ReducedFrom: { } reduced }) symbol = reduced;
            symbol = symbol.OriginalDefinition;
            if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol) return;
            if (symbol is IAliasSymbol alias) symbol = alias.Target;
            string name = FullName(symbol);
            if (name.Length == 0) return;
            if (GraderInternals.Any(g => Covered(name, g)))
            {
                Add(node, questions, name, $"{name} (the grader's own API)", blocks: true, "grader");
                return;
            }
            var costs = forbidden.Where(f => f.Covers(name)).Select(f => f.Question).Distinct().ToList();
            if (costs.Count > 0) Add(node, costs, name, $"{name} (forbidden: {string.Join(", ", forbidden.Where(f => f.Covers(name)).Select(f => f.Api).Distinct())})", blocks: false, "api");
            if (strict.Count > 0 && IsReflection(symbol, name)) Add(node, strict, name, $"{name} (reflection can reach forbidden code by name)", blocks: true, "reflection");
        }

        // Strings that name a forbidden type (whole word) or a forbidden API in full could reach it by reflection.
        var namedTypes = forbidden.Select(f => (f.Question, Type: compilation.GetTypeByMetadataName(f.Api)?.Name))
            .Where(t => t.Type is { Length: >= 6 }).ToList();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            string? text = node switch
            {
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal.Token.ValueText,
                InterpolatedStringTextSyntax piece => piece.TextToken.ValueText,
                _ => null,
            };
            if (text is not null)
            {
                var hits = namedTypes.Where(t => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{t.Type}\b"))
                    .Select(t => (t.Question, Name: t.Type!))
                    .Concat(forbidden.Where(f => f.Api.Contains('.') && text.Contains(f.Api, StringComparison.Ordinal)).Select(f => (f.Question, Name: f.Api)))
                    .ToList();
                if (hits.Count > 0)
                    Add(node, hits.Select(h => h.Question).Distinct().ToList(), $"string:{text}", $"the string \"{Short(text)}\" names {hits[0].Name}", blocks: true, "string");
            }

            var info = model.GetSymbolInfo(node);
            Check(node, info.Symbol);
            foreach (var candidate in info.CandidateSymbols) Check(node, candidate);
            if (node is ExpressionSyntax expression)
            {
                var type = model.GetTypeInfo(expression);
                if (strict.Count > 0 && (type.Type?.TypeKind == TypeKind.Dynamic || type.ConvertedType?.TypeKind == TypeKind.Dynamic))
                    Add(node, strict, "dynamic", "dynamic (it hides which API is called)", blocks: true, "dynamic");
                var conversion = model.GetConversion(expression);
                if (conversion.IsUserDefined) Check(node, conversion.MethodSymbol);
            }
            switch (node)
            {
                case CommonForEachStatementSyntax loop:
                    var each = model.GetForEachStatementInfo(loop);
                    Check(node, each.GetEnumeratorMethod);
                    Check(node, each.MoveNextMethod);
                    Check(node, each.CurrentProperty);
                    break;
                case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction:
                    foreach (var m in Deconstructors(model.GetDeconstructionInfo(deconstruction))) Check(node, m);
                    break;
                case AwaitExpressionSyntax awaited:
                    var awaitInfo = model.GetAwaitExpressionInfo(awaited);
                    Check(node, awaitInfo.GetAwaiterMethod);
                    break;
                case UsingDirectiveSyntax { NamespaceOrType: { } target }:
                    Check(node, model.GetSymbolInfo(target).Symbol);
                    break;
            }
        }
        return found;
    }

    private static IEnumerable<IMethodSymbol> Deconstructors(DeconstructionInfo info)
    {
        if (info.Method is { } m) yield return m;
        foreach (var nested in info.Nested)
            foreach (var n in Deconstructors(nested)) yield return n;
    }

    private static bool IsReflection(ISymbol symbol, string name)
    {
        // A type's name is harmless (exception messages, printing): reading it is not a lookup.
        if (symbol is IPropertySymbol { Name: "Name" or "FullName" or "Namespace" }) return false;
        if (ReflectionNamespaces.Any(ns => Covered(name, ns))) return true;
        if (ReflectionTypes.Any(t => Covered(name, t))) return true;
        if (symbol.ContainingType?.ToDisplayString() is "System.Type" or "System.RuntimeTypeHandle")
            return symbol.Name is not ("GetType" or "GetTypeCode" or "Equals" or "GetHashCode" or "ToString") && symbol.Name.StartsWith("Get", StringComparison.Ordinal)
                || symbol.Name is "InvokeMember" or "MakeGenericType" or "MakeArrayType" or "TypeHandle";
        if (symbol.ContainingType?.ToDisplayString() is "System.Delegate" or "System.MulticastDelegate")
            return symbol.Name is "CreateDelegate" or "DynamicInvoke" or "Method";
        return false;
    }

    private static bool Covered(string name, string prefix) =>
        name == prefix || (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.');

    /// <summary>Namespace, containing types and name, without generic arity: <c>DeepNlp.Layers.Lstm.Backward</c>.</summary>
    internal static string FullName(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol ns) return ns.IsGlobalNamespace ? "" : ns.ToDisplayString();
        if (symbol is IArrayTypeSymbol array) return FullName(array.ElementType);
        if (symbol is IPointerTypeSymbol pointer) return FullName(pointer.PointedAtType);
        if (symbol is ITypeParameterSymbol or IErrorTypeSymbol or IDynamicTypeSymbol) return "";
        var parts = new Stack<string>();
        string own = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } ? "" : symbol.Name;
        if (own.Length > 0) parts.Push(own);
        for (var t = symbol.ContainingType; t is not null; t = t.ContainingType) parts.Push(t.Name);
        var container = symbol.ContainingNamespace;
        if (container is { IsGlobalNamespace: false }) parts.Push(container.ToDisplayString());
        return string.Join('.', parts);
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
