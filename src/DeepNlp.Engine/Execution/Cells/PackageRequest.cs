namespace DeepNlp.Engine.Execution;

/// <summary>One <c>#r "nuget: Id, Version"</c> request.</summary>
/// <param name="Id">Package id as written.</param>
/// <param name="Version">Version or range as written, or null for the latest stable.</param>
/// <param name="Line">1-based line of the directive in its cell.</param>
internal sealed record PackageRequest(string Id, string? Version, int Line = 0)
{
    public static bool TryParse(string text, out PackageRequest request)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        request = new PackageRequest("", null);
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || parts[0].Any(char.IsWhiteSpace)) return false;
        var version = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null;
        if (version is not null && version.Any(char.IsWhiteSpace)) return false;
        request = new PackageRequest(parts[0], version);
        return true;
    }
}
