namespace DeepNlp.Engine.Execution;

/// <summary>Settings of a <see cref="NotebookSession"/>.</summary>
public sealed record NotebookSessionOptions
{
    /// <summary>Folder that relative <c>#r "path.dll"</c> directives resolve against (the notebook's folder).
    /// Defaults to the current directory.</summary>
    public string? NotebookDirectory { get; init; }

    /// <summary>Longest a single cell may run before it is stopped; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>How long a stopped cell gets to honour its cancellation token (then its thread is interrupted, then
    /// abandoned). Default 2 s.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Folder for the NuGet restore cache; defaults to <c>$XDG_CACHE_HOME/deepnlp-course/nuget</c>
    /// (or <c>~/.cache/...</c>).</summary>
    public string? PackageCacheDirectory { get; init; }

    /// <summary>Extra NuGet sources used for every <c>#r "nuget:"</c> restore (besides the configured ones and <c>#i</c>).</summary>
    public IReadOnlyList<string> PackageSources { get; init; } = [];

    /// <summary>Answers the cells' requests for input (<c>Console.ReadLine</c>, <c>Console.Read</c>, <c>Console.In</c>,
    /// <c>Kernel.GetInputAsync</c>); null (the default) for front ends with no one to ask, where those calls throw
    /// <see cref="InvalidOperationException"/> at once instead of waiting.</summary>
    /// <remarks>The Jupyter kernel sets it to send <c>input_request</c> on the stdin channel. Console reads send an empty
    /// prompt: what the cell wrote just before (<c>Console.Write("Name: ")</c>) is flushed as stdout first, so it stays in
    /// the cell's output whatever the front end does with prompts. <c>Kernel.GetInputAsync(prompt)</c> sends its prompt.</remarks>
    public InputReader? InputReader { get; init; }

    /// <summary>How long after a cell the session starts binding the next cell's submission
    /// (<see cref="Compilation.PreboundSubmission"/>): late enough not to compete with the front end's answer to the cell, early
    /// enough to be done before a person sends the next one. Default 10 ms; zero starts it at once (and a cell that comes
    /// straight away waits for it).</summary>
    internal TimeSpan PrepareDelay { get; init; } = TimeSpan.FromMilliseconds(10);
}
