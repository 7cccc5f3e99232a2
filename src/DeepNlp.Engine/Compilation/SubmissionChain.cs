using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Engine.Compilation;

/// <summary>The end of a session's chain of submissions: the last one compiled into it and the objects of those that ran.</summary>
/// <remarks>The objects live in the submission array every factory receives (<see cref="SubmissionCompiler"/>): slot 0
/// holds the globals, slot k the k-th submission that declared something. A submission reads its predecessors from the
/// array only while it is constructed, so a branch (<see cref="Fork"/>) needs only a copy of the array: both branches
/// share the objects of the common prefix, and each overwrites later slots with its own.</remarks>
internal sealed class SubmissionChain
{
    private object[] _slots;

    /// <summary>Starts an empty chain whose cells see <paramref name="globals"/>.</summary>
    public SubmissionChain(object globals)
    {
        _slots = new object[8];
        _slots[0] = globals;
    }

    private SubmissionChain(CSharpCompilation? last, object[] slots, int length)
    {
        Last = last;
        _slots = slots;
        Length = length;
    }

    /// <summary>The last submission of the chain (the next one continues it); null before the first.</summary>
    public CSharpCompilation? Last { get; private set; }

    /// <summary>How many submissions the chain holds.</summary>
    public int Length { get; private set; }

    /// <summary>Runs <paramref name="submission"/> on this chain's objects, on the calling thread until its first await.</summary>
    /// <returns>The submission's task: the value of its trailing expression, or its exception.</returns>
    public Task<object> Run(CompiledSubmission submission)
    {
        // A submission's slot is at most its position in the chain (those that declare nothing take none).
        if (_slots.Length < Length + 2) Array.Resize(ref _slots, Math.Max(Length + 2, _slots.Length * 2));
        return submission.Factory(_slots);
    }

    /// <summary>Makes <paramref name="submission"/>, which has run, the chain's last: the next cell continues it.</summary>
    public void Append(CompiledSubmission submission)
    {
        Last = submission.Compilation;
        Length++;
    }

    /// <summary>Makes <paramref name="last"/>, the chain's submissions compiled again against more references
    /// (<see cref="SubmissionCompiler.Recompile"/>), the one the next cell continues; the objects stay as they are.</summary>
    public void Rebase(CSharpCompilation last) => Last = last;

    /// <summary>A chain that continues from this point independently of this one.</summary>
    public SubmissionChain Fork() => new(Last, (object[])_slots.Clone(), Length);
}
