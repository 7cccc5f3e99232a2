namespace DeepNlp.Tests.WordVectors;

/// <summary>An IProgress that calls its action immediately (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class InlineProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
