using System.Text;

namespace DeepNlp.Grading.Running;

/// <summary>Passes console output through until a character budget is spent, then drops it, so a submission that
/// prints without end cannot exhaust the worker's memory.</summary>
internal sealed class CappedWriter(TextWriter inner, long limit) : TextWriter
{
    private long _written;

    public bool Truncated { get; private set; }

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void Write(string? value)
    {
        if (value is null) return;
        long left = Interlocked.Read(ref _written);
        if (left >= limit)
        {
            Truncated = true;
            return;
        }
        if (value.Length > limit - left)
        {
            value = value[..(int)(limit - left)];
            Truncated = true;
        }
        Interlocked.Add(ref _written, value.Length);
        inner.Write(value);
    }

    public override void Flush() => inner.Flush();
}
