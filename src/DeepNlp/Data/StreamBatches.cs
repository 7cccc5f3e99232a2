using System.Collections;

namespace DeepNlp.Data;

/// <summary>Language-model batches from one token stream for truncated BPTT: the stream is cut into [batch] contiguous
/// rows, and window w takes steps [w·time, (w+1)·time) of every row, so row r of window w+1 continues where row r of
/// window w stopped and the hidden state can be carried (detached) from one window to the next.</summary>
/// <remarks>
/// <para>Row r starts at stream position r·L with L = ⌊(N − 1) / batch⌋, and a window's targets are its inputs
/// shifted by one; the last pair of a row may read its target from the first token of the next row, so the
/// ⌊(N − 1) / batch⌋ · batch pairs are scored without dropping a row end. This is the layout of karpathy's char-rnn and
/// of <c>batchify</c> in PyTorch's word_language_model example. Windows that do not fill <c>time</c> steps are
/// dropped.</para>
/// <para>With a backprop length k2 &gt; k1 = time (Williams and Peng's BPTT(k1, k2)), the batch of window w spans the
/// last k2 steps that end where window w ends, scores only its newest k1 (<see cref="LmBatch.ScoredFrom"/>), and says
/// at which step the state for window w+1 is taken (<see cref="LmBatch.CarryAt"/>).</para>
/// <para>Window w is a pure function of w, so a run resumed at step s sees the same data as the original.
/// Taught in notebooks/05_backpropagation_through_time.ipynb; <see cref="Training.Trainer"/> trains language models on it.</para>
/// <code>
/// foreach (var b in new StreamBatches(ids, batch: 32, time: 35)) { ... b.Inputs, b.Targets ... }
/// </code>
/// </remarks>
public sealed class StreamBatches : IReadOnlyList<LmBatch>
{
    private readonly IReadOnlyList<int> _tokens;

    /// <summary>Lays out a stream for truncated BPTT.</summary>
    /// <param name="tokens">The token ids (not copied; do not modify them while batching).</param>
    /// <param name="batch">Parallel rows.</param>
    /// <param name="time">k1: new steps per window.</param>
    /// <param name="backpropLength">k2 ≥ k1: steps each batch spans and backpropagates through; null means k2 = k1.</param>
    /// <exception cref="ArgumentException">A size is not positive, k2 &lt; k1, or the stream is too short for one window.</exception>
    public StreamBatches(IReadOnlyList<int> tokens, int batch, int time, int? backpropLength = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (batch <= 0 || time <= 0) throw new ArgumentException($"batch ({batch}) and time ({time}) must be positive.", nameof(batch));
        int k2 = backpropLength ?? time;
        if (k2 < time) throw new ArgumentException($"backpropLength k2 = {k2} must be at least time k1 = {time}.", nameof(backpropLength));
        _tokens = tokens; Batch = batch; Time = time; BackpropLength = k2;
        StreamLength = (tokens.Count - 1) / batch;
        WindowsPerEpoch = StreamLength / time;
        if (WindowsPerEpoch == 0)
            throw new ArgumentException($"A stream of {tokens.Count} tokens is too short for batch {batch} × time {time}.", nameof(tokens));
    }

    /// <summary>Parallel rows.</summary>
    public int Batch { get; }

    /// <summary>k1: new steps per window.</summary>
    public int Time { get; }

    /// <summary>k2: steps a batch spans (equal to <see cref="Time"/> for disjoint windows).</summary>
    public int BackpropLength { get; }

    /// <summary>Tokens per row, L = ⌊(N − 1) / batch⌋.</summary>
    public int StreamLength { get; }

    /// <summary>Windows before the data repeats.</summary>
    public int WindowsPerEpoch { get; }

    /// <summary>Windows per epoch (the list view of one epoch).</summary>
    public int Count => WindowsPerEpoch;

    /// <summary>The batch of window <paramref name="window"/> of an epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in 0..Count-1.</exception>
    public LmBatch this[int window]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(window);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, WindowsPerEpoch);
            return BatchAt(window);
        }
    }

    /// <summary>The batch for training step <paramref name="step"/>: window step mod <see cref="WindowsPerEpoch"/>.</summary>
    /// <param name="step">The 0-based update number.</param>
    /// <returns>Inputs and targets [batch, k] with k = k1, or up to k2 steps when k2 &gt; k1.</returns>
    public LmBatch BatchAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        int window = step % WindowsPerEpoch;
        int end = (window + 1) * Time, from = Math.Max(0, end - BackpropLength), length = end - from;
        var inputs = new int[Batch * length]; var targets = new int[Batch * length];
        FillAt(from, length, inputs, targets);
        var offsets = new int[Batch];
        for (int r = 0; r < Batch; r++) offsets[r] = r * StreamLength + from;
        int nextFrom = Math.Max(0, end + Time - BackpropLength);        // where the next window's span starts
        return new LmBatch(inputs, targets, Batch, length, window, offsets) { ScoredFrom = length - Time, CarryAt = nextFrom - from };
    }

    /// <summary>Fills inputs and targets [batch, time] for window <paramref name="window"/> (taken modulo an epoch) without allocating.</summary>
    /// <param name="window">The window.</param>
    /// <param name="inputs">Destination [batch, time].</param>
    /// <param name="targets">Destination [batch, time].</param>
    public void Fill(int window, Span<int> inputs, Span<int> targets) =>
        FillAt(window % WindowsPerEpoch * Time, Time, inputs, targets);

    /// <summary>Fills a window of any length that starts at row position <paramref name="position"/>.</summary>
    /// <param name="position">Offset inside every row.</param>
    /// <param name="length">Steps.</param>
    /// <param name="inputs">Destination [batch, length].</param>
    /// <param name="targets">Destination [batch, length].</param>
    /// <exception cref="ArgumentException">A destination is shorter than batch · length.</exception>
    public void FillAt(int position, int length, Span<int> inputs, Span<int> targets)
    {
        if (inputs.Length < Batch * length) throw new ArgumentException($"inputs holds {inputs.Length} ids, needs {Batch * length}.", nameof(inputs));
        if (targets.Length < Batch * length) throw new ArgumentException($"targets holds {targets.Length} ids, needs {Batch * length}.", nameof(targets));
        for (int b = 0; b < Batch; b++)
        {
            for (int t = 0; t < length; t++)
            {
                int p = b * StreamLength + position + t;
                inputs[b * length + t] = _tokens[p];
                targets[b * length + t] = _tokens[p + 1];
            }
        }
    }

    /// <summary>Yields the windows of one epoch in order (the order state continuity needs).</summary>
    public IEnumerator<LmBatch> GetEnumerator()
    {
        for (int w = 0; w < WindowsPerEpoch; w++) yield return BatchAt(w);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"StreamBatches({WindowsPerEpoch} windows of [{Batch} × {Time}], rows of {StreamLength} tokens)";
}
