namespace DeepNlp.Engine.Execution;

/// <summary>Answer to "is this code ready to run?" (Jupyter's is_complete_reply statuses; the kernel sends these values).</summary>
public enum CodeCompleteness
{
    /// <summary>Parses as a complete submission.</summary>
    Complete,

    /// <summary>More input is expected (an open brace, string or statement).</summary>
    Incomplete,

    /// <summary>Cannot become valid by adding text at the end.</summary>
    Invalid,

    /// <summary>Cannot tell (a front end whose runner does not know the language).</summary>
    Unknown,
}
