namespace DeepNlp.Kernel.Execution;

/// <summary>The verdicts of <c>is_complete_reply</c>.</summary>
public enum CodeCompleteness
{
    /// <summary>The code can run as it is.</summary>
    Complete,
    /// <summary>More lines are needed (an open brace, string or statement).</summary>
    Incomplete,
    /// <summary>The code will fail to compile whatever follows.</summary>
    Invalid,
    /// <summary>The kernel cannot tell.</summary>
    Unknown,
}
