namespace DeepNlp.Engine.Execution;

/// <summary>A password typed into a hidden input box (<c>await Kernel.GetPasswordAsync("token")</c>); it does not
/// show its text when displayed or logged.</summary>
/// <remarks>Shaped like .NET Interactive's <c>Microsoft.DotNet.Interactive.PasswordString</c>, so notebooks that call
/// <see cref="GetClearTextPassword"/> run unchanged.</remarks>
/// <param name="clearText">The password as typed.</param>
public sealed class PasswordString(string clearText)
{
    /// <summary>The password as typed.</summary>
    /// <returns>The clear text.</returns>
    public string GetClearTextPassword() => clearText;

    /// <summary>A mask, never the password.</summary>
    /// <returns><c>************</c>.</returns>
    public override string ToString() => "************";
}
