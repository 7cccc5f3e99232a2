namespace DeepNlp.Grading.Authoring;

/// <summary>A kit API that a question's solution may not call: a namespace, a type or a member, fully qualified
/// (<c>DeepNlp.NGrams</c>, <c>DeepNlp.WordVectors.Word2VecGradients</c>, <c>DeepNlp.Labs.Expect.GradientMatches</c>).</summary>
/// <remarks>Declared in the lab: <c>"forbidden": [...]</c> in a tests cell's <c>grading</c> metadata for that question, or in the
/// notebook's <c>metadata.grading.forbidden</c> for every question. Generic arity is left out (<c>DeepNlp.Layers.Lstm</c>
/// covers <c>Lstm&lt;T&gt;</c>). At grade time a semantic pass over the student's cells finds references to it, whether called
/// directly, through <c>using static</c> or an alias, or turned into a delegate (<c>Running/ForbiddenCalls</c>).</remarks>
/// <param name="Question">The question it applies to.</param>
/// <param name="Api">The fully qualified name.</param>
public sealed record ForbiddenApi(string Question, string Api)
{
    /// <summary>True when <paramref name="fullName"/> (a namespace, type or member, without generic arity) is this API or inside it.</summary>
    public bool Covers(string fullName) =>
        fullName == Api || (fullName.Length > Api.Length && fullName.StartsWith(Api, StringComparison.Ordinal) && fullName[Api.Length] == '.');
}
