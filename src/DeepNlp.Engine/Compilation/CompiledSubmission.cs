using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Compilation;

/// <summary>A submission emitted and loaded, ready to run on a <see cref="SubmissionChain"/>.</summary>
/// <param name="Compilation">Its compilation (the next submission continues it).</param>
/// <param name="Factory">Its entry point: constructs the submission in its slot of the array and runs its body, returning
/// the value of a trailing expression (null when there is none).</param>
internal sealed record CompiledSubmission(CSharpCompilation Compilation, Func<object[], Task<object>> Factory);
