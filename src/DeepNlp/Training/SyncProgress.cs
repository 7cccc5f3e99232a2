namespace DeepNlp;

/// <summary>An <see cref="IProgress{T}"/> that invokes its callback synchronously on the reporting thread.</summary>
/// <remarks>
/// <see cref="Progress{T}"/> posts to a synchronization context, so in a notebook cell (or a console) its callbacks
/// arrive late or out of order. Notebooks use this instead:
/// <c>Trainer.Fit(..., progress: new SyncProgress&lt;TrainingProgress&gt;(p =&gt; view.Update(p)))</c>.
/// </remarks>
public sealed class SyncProgress<T> : IProgress<T>
{
    private readonly Action<T> _callback;

    /// <summary>Wraps a callback.</summary>
    /// <exception cref="ArgumentNullException">The callback is null.</exception>
    public SyncProgress(Action<T> callback) => _callback = callback ?? throw new ArgumentNullException(nameof(callback));

    /// <inheritdoc />
    public void Report(T value) => _callback(value);
}
