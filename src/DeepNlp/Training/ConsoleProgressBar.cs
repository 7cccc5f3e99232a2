using System.Globalization;

namespace DeepNlp.Training;

/// <summary>Live training progress for a console: a bar redrawn in place, with the step, loss, validation loss and
/// throughput of each report (notebooks use <see cref="SyncProgress{T}"/> and a display instead).</summary>
/// <remarks>
/// <code>Trainer.Fit(model, train, valid, options, new ConsoleProgressBar());</code>
/// On a terminal the bar is redrawn on one line with a carriage return; when the output is redirected to a file or a
/// pipe each report is a line of its own, so logs stay readable. The line ends after the last step.
/// </remarks>
public sealed class ConsoleProgressBar : IProgress<TrainingProgress>
{
    private readonly TextWriter _writer;
    private readonly bool _inPlace;
    private readonly int _width;

    /// <summary>Creates a bar that writes to <paramref name="writer"/>, or to standard error when null.</summary>
    /// <param name="writer">Where to draw; null for <see cref="Console.Error"/>.</param>
    /// <param name="width">Characters of the bar itself.</param>
    /// <param name="inPlace">Redraw on one line (null: only when the writer is a console error stream that is not redirected).</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is below 1.</exception>
    public ConsoleProgressBar(TextWriter? writer = null, int width = 30, bool? inPlace = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _writer = writer ?? Console.Error;
        _width = width;
        _inPlace = inPlace ?? (writer is null && !Console.IsErrorRedirected);
    }

    /// <summary>Draws one report.</summary>
    /// <param name="value">The report.</param>
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _writer.Write(Line(value, _width));
        bool last = value.Step >= value.TotalSteps;
        if (!_inPlace || last) _writer.WriteLine();
        _writer.Flush();
    }

    /// <summary>The text of one report: <c>[#####.....] step 40/200  loss 2.3456  valid 2.4000  1234 tok/s</c>, led by a
    /// carriage return when drawn in place.</summary>
    /// <param name="value">The report.</param>
    /// <param name="width">Characters of the bar.</param>
    /// <returns>The line without a line break.</returns>
    public string Line(TrainingProgress value, int width)
    {
        ArgumentNullException.ThrowIfNull(value);
        int filled = value.TotalSteps <= 0 ? width : (int)Math.Clamp((long)value.Step * width / value.TotalSteps, 0, width);
        string valid = value.ValidationLoss is double v ? string.Create(CultureInfo.InvariantCulture, $"  valid {v:F4}") : "";
        return (_inPlace ? "\r" : "") + "[" + new string('#', filled) + new string('.', width - filled) + "] " +
            string.Create(CultureInfo.InvariantCulture, $"step {value.Step}/{value.TotalSteps}  loss {value.Loss:F4}{valid}  {value.TokensPerSecond:F0} tok/s");
    }
}
