using System.ComponentModel;

namespace DeepNlp.Labs;

/// <summary>The autograder's bridge from a lab's tests to the student's graded functions. Not for notebooks: the grader
/// writes every call to it, and a submission that names it is rejected.</summary>
/// <remarks>
/// While grading, the student's cells and the lab's tests run on two branches of one script chain that share only the
/// lab's setup and provided cells (see <c>DeepNlp.Grading.Running.GradingPlan</c>). After the student's cells, one generated
/// cell per graded function stores it here, converted to a delegate type the lab's prefix declares with the lab's exact
/// signature; the tests branch declares the same functions as stubs that fetch the delegate and call it. So a test can
/// reach the submission only through the graded functions' signatures: a class, alias, extension method, operator or
/// helper the student declares is never in scope in a test.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradedExports
{
    private static readonly Dictionary<string, Delegate> Exports = new(StringComparer.Ordinal);
    private static readonly object Gate = new();
    private static bool _sealed;

    /// <summary>Stores the student's implementation of the graded function <paramref name="member"/> (generated code only).</summary>
    /// <param name="member">The graded function's name.</param>
    /// <param name="implementation">The student's function as a delegate of the lab's declared type.</param>
    /// <exception cref="InvalidOperationException">The exports were sealed (the student's branch has ended).</exception>
    public static void Set(string member, Delegate implementation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(member);
        ArgumentNullException.ThrowIfNull(implementation);
        lock (Gate)
        {
            if (_sealed) throw new InvalidOperationException("graded functions can no longer be changed");
            Exports[member] = implementation;
        }
    }

    /// <summary>The student's implementation of <paramref name="member"/> (generated stubs only).</summary>
    /// <typeparam name="T">The delegate type the lab declares for the function.</typeparam>
    /// <param name="member">The graded function's key (<c>Name#overload</c>).</param>
    /// <param name="signature">The lab's signature, for the message when it is missing.</param>
    /// <exception cref="NotImplementedException">The submission does not define the function with that signature.</exception>
    public static T Get<T>(string member, string signature) where T : Delegate
    {
        lock (Gate)
        {
            if (Exports.TryGetValue(member, out var d) && d is T typed) return typed;
        }
        throw new GradedMemberMissingException(
            $"{member.Split('#')[0]} is not defined with the lab's signature `{signature}` (renamed, removed, parameters changed, "
            + "or a type it uses was redefined in the submission)");
    }

    /// <summary>Runs the code until disposal as the student's (outside the lab's scope): wraps each call into the submission.</summary>
    public static IDisposable EnterStudentCode() => LabScope.Enter(lab: false);

    /// <summary>No more changes: called by the grading worker when the student's branch has ended.</summary>
    internal static void Seal()
    {
        lock (Gate) _sealed = true;
    }
}
