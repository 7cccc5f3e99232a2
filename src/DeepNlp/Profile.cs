namespace DeepNlp;

/// <summary>Where a lecture runs, for the cells that size their data and models to it (beside each lecture's <c>FULL</c> flag).</summary>
/// <remarks>
/// A lecture's first cell reads it once, next to <c>FULL</c>:
/// <code>
/// const bool FULL = false;               // true: the whole training split and more epochs
/// bool BROWSER = Profile.Browser;        // true on the live site: smaller data and models, each cell ≤ 60 s
/// </code>
/// The live site (<c>course render --live</c>) runs cells on .NET WebAssembly: one thread, the Mono interpreter, no
/// ILGPU. Cells that would take minutes there shrink their data or model under <c>BROWSER</c>; claims that only hold at the
/// native size use <see cref="Evaluation.Lesson.CheckAtNativeSize"/>, which shows them as not checked in the browser.
/// Setting the environment variable <c>DEEPNLP_PROFILE=browser</c> selects the browser profile in a native run, so that
/// its sizes and notes can be tried quickly (<c>DEEPNLP_PROFILE=browser course test notebooks/05_backpropagation_through_time.ipynb</c>).
/// </remarks>
public static class Profile
{
    /// <summary>Environment variable that selects the browser profile natively when set to <c>browser</c>.</summary>
    public const string EnvironmentVariable = "DEEPNLP_PROFILE";

    private static readonly bool InBrowser = OperatingSystem.IsBrowser()
        || string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "browser", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the code runs in a browser (the live site's WebAssembly engine), or when <c>DEEPNLP_PROFILE=browser</c>
    /// asks a native run for the browser profile; false otherwise.</summary>
    public static bool Browser => InBrowser;

    /// <summary>The profile's name as cells print it: <c>browser</c> or <c>native</c>.</summary>
    public static string Name => Browser ? "browser" : "native";
}
