namespace DeepNlp.Models;

/// <summary>Language-model batches from one token stream: the stream is cut into [batch] contiguous streams, and
/// window w takes steps [w·time, (w+1)·time) of each (the layout of char-rnn and PyTorch's word LM, which lets the
/// hidden state carry from one window to the next).</summary>
/// <remarks>Window w is a pure function of w, so a run resumed at step s sees the same data as the original.</remarks>
public sealed class StreamBatches
{
    private readonly IReadOnlyList<int> _tokens;

    /// <summary>Splits a stream.</summary>
    /// <param name="tokens">The token ids.</param>
    /// <param name="batch">Parallel streams.</param>
    /// <param name="time">Steps per window.</param>
    /// <exception cref="ArgumentException">The stream is too short for one window.</exception>
    public StreamBatches(IReadOnlyList<int> tokens, int batch, int time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (batch <= 0 || time <= 0) throw new ArgumentException($"batch ({batch}) and time ({time}) must be positive.", nameof(batch));
        _tokens = tokens; Batch = batch; Time = time;
        StreamLength = (tokens.Count - 1) / batch;
        WindowsPerEpoch = StreamLength / time;
        if (WindowsPerEpoch == 0)
            throw new ArgumentException($"A stream of {tokens.Count} tokens is too short for batch {batch} × time {time}.", nameof(tokens));
    }

    /// <summary>Parallel streams.</summary>
    public int Batch { get; }

    /// <summary>Steps per window.</summary>
    public int Time { get; }

    /// <summary>Tokens per stream.</summary>
    public int StreamLength { get; }

    /// <summary>Windows before the data repeats.</summary>
    public int WindowsPerEpoch { get; }

    /// <summary>Fills inputs and targets [batch, time] for window <paramref name="window"/> (taken modulo an epoch).</summary>
    public void Fill(int window, Span<int> inputs, Span<int> targets)
    {
        int w = window % WindowsPerEpoch;
        for (int b = 0; b < Batch; b++)
        {
            int start = b * StreamLength + w * Time;
            for (int t = 0; t < Time; t++)
            {
                inputs[b * Time + t] = _tokens[start + t];
                targets[b * Time + t] = _tokens[start + t + 1];
            }
        }
    }

    /// <summary>Fills a window of arbitrary length starting at stream position <paramref name="position"/> (for truncated BPTT with k2 ≠ k1).</summary>
    public void FillAt(int position, int length, Span<int> inputs, Span<int> targets)
    {
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
}
