using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepNlp.Grading.Authoring;

/// <summary>A function the student writes: a top-level method declared in one of the lab's solution cells.</summary>
/// <remarks>
/// The grader reaches the submission only through these (see <c>Running/GradingPlan</c>). From the lab's own
/// declaration it generates three pieces of code:
/// <list type="bullet">
/// <item>a delegate type with the same signature, declared in the shared prefix so that both branches see one type;</item>
/// <item>an export cell on the student's branch, <c>GradedExports.Set(key, (Delegate)Name)</c>, which binds the student's
/// method with exactly that signature (a renamed or re-typed function fails to convert, and the tests then say so);</item>
/// <item>a stub with the same signature on the tests branch, which fetches the student's delegate and calls it outside
/// the lab's scope (<see cref="DeepNlp.Labs.GradedExports.EnterStudentCode"/>).</item>
/// </list>
/// </remarks>
/// <param name="Name">The method's name.</param>
/// <param name="Overload">0 for the first method of this name in the lab, 1 for the next, ….</param>
/// <param name="ReturnType">The return type as written.</param>
/// <param name="Parameters">The parameter list as written, with parentheses.</param>
/// <param name="Arguments">The matching argument list (names with ref/out/in), with parentheses.</param>
/// <param name="Where">The lab cell that declares it, for messages.</param>
public sealed record GradedFunction(string Name, int Overload, string ReturnType, string Parameters, string Arguments, string Where)
{
    /// <summary>The key the export and the stub share: <c>Name#Overload</c>.</summary>
    public string Key => $"{Name}#{Overload}";

    /// <summary>The signature as a student reads it, e.g. <c>double Softmax(double[] scores)</c>.</summary>
    public string Signature => $"{ReturnType} {Name}{Parameters}";

    /// <summary>The generated delegate type's name (unlikely to collide with anything a student writes).</summary>
    public string DelegateName => $"__Graded_{Name}_{Overload}";

    /// <summary>Declares the delegate type (prefix).</summary>
    public string DelegateDeclaration() => $"delegate {ReturnType} {DelegateName}{Parameters};";

    /// <summary>Stores the student's method (student branch, after the student's cells).</summary>
    public string ExportCode() => $"global::DeepNlp.Labs.GradedExports.Set(\"{Key}\", ({DelegateName}){Name});";

    /// <summary>The stub the tests call (tests branch).</summary>
    public string StubCode()
    {
        string call = $"global::DeepNlp.Labs.GradedExports.Get<{DelegateName}>(\"{Key}\", {SymbolDisplay.FormatLiteral(Signature, quote: true)}){Arguments}";
        string body = ReturnType == "void" ? call + ";" : "return " + call + ";";
        return $"{ReturnType} {Name}{Parameters}\n{{\n    using (global::DeepNlp.Labs.GradedExports.EnterStudentCode()) {{ {body} }}\n}}";
    }

    /// <summary>The graded functions of a lab's solution cells, in notebook order.</summary>
    /// <exception cref="LabFormatException">A solution cell declares a type, or a graded method is generic or an extension.</exception>
    internal static List<GradedFunction> FromSolutionCells(IEnumerable<LabCell> solutionCells, string notebookName)
    {
        var found = new List<GradedFunction>();
        foreach (var cell in solutionCells)
        {
            var root = LabCode.Parse(cell.Source);
            foreach (var member in root.Members)
            {
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                    throw new LabFormatException($"{notebookName}: {cell.Where}: a solution cell may declare methods only "
                        + "(the graded functions); declare classes the student uses in a provided cell");
                if (member is not MethodDeclarationSyntax method) continue;
                string name = method.Identifier.ValueText;
                if (method.TypeParameterList is not null)
                    throw new LabFormatException($"{notebookName}: {cell.Where}: graded function {name} is generic; graded functions must not be");
                if (method.ParameterList.Parameters.Any(p => p.Modifiers.Any(m => m.IsKind(SyntaxKind.ThisKeyword))))
                    throw new LabFormatException($"{notebookName}: {cell.Where}: graded function {name} is an extension method; graded functions must not be");
                var args = new StringBuilder("(");
                foreach (var p in method.ParameterList.Parameters)
                {
                    if (args.Length > 1) args.Append(", ");
                    foreach (var m in p.Modifiers.Where(m => m.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword))
                        args.Append(m.Text).Append(' ');
                    args.Append(p.Identifier.Text);
                }
                args.Append(')');
                int overload = found.Count(f => f.Name == name);
                found.Add(new GradedFunction(name, overload, method.ReturnType.ToString(), method.ParameterList.ToString().Trim(),
                    args.ToString(), cell.Where));
            }
        }
        return found;
    }
}
