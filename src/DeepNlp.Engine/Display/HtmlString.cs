namespace DeepNlp.Engine.Display;

/// <summary>A piece of HTML that displays as itself; what a cell's <c>HTML("...")</c> returns.</summary>
/// <param name="Html">The markup, emitted as text/html unchanged.</param>
public sealed record HtmlString(string Html)
{
    /// <summary>The markup (the engine displays it as text/html; its text/plain form is the markup too).</summary>
    public override string ToString() => Html;

    /// <summary>The markup, so the engine's ToHtml convention applies.</summary>
    public string ToHtml() => Html;
}
