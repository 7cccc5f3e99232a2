namespace DeepNlp.Kernel.Server;

/// <summary>Glob matching as history_request's <c>pattern</c> uses it: SQLite's GLOB, as IPython's history search runs it.</summary>
/// <remarks><c>*</c> matches any run of characters (line breaks included), <c>?</c> one character, <c>[abc]</c>,
/// <c>[a-z]</c> and <c>[^abc]</c> one character of (or not of) a set; everything else matches itself, case-sensitively.
/// The whole text must match, so <c>6*7</c> finds <c>6 * 7</c> but not <c>x = 6 * 7;</c>.</remarks>
internal static class GlobPattern
{
    /// <summary>Whether <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0;
        // Where to resume after the last '*': the pattern just past it, and the text position it has consumed up to.
        int starPattern = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starPattern = ++p;
                starText = t;
                continue;
            }
            if (p < pattern.Length && MatchOne(pattern, ref p, text[t]))
            {
                t++;
                continue;
            }
            if (starPattern < 0) return false;
            p = starPattern;
            t = ++starText;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    /// <summary>Matches one pattern element at <paramref name="p"/> against <paramref name="c"/>, advancing past it on success.</summary>
    private static bool MatchOne(string pattern, ref int p, char c)
    {
        if (pattern[p] == '?')
        {
            p++;
            return true;
        }
        if (pattern[p] != '[' || ClassEnd(pattern, p) is not (> 0 and var end))
        {
            if (pattern[p] != c) return false;
            p++;
            return true;
        }
        var i = p + 1;
        var negated = pattern[i] == '^';
        if (negated) i++;
        var found = false;
        // A ']' right after '[' or '[^' is a member, as in SQLite (ClassEnd skipped it).
        while (i < end)
        {
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                found |= pattern[i] <= c && c <= pattern[i + 2];
                i += 3;
            }
            else
            {
                found |= pattern[i] == c;
                i++;
            }
        }
        if (found == negated) return false;
        p = end + 1;
        return true;
    }

    /// <summary>Index of the ']' closing the class opened at <paramref name="open"/>, or -1 when it is not closed
    /// (then '[' matches itself).</summary>
    private static int ClassEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^') i++;
        if (i < pattern.Length && pattern[i] == ']') i++;
        return pattern.IndexOf(']', i);
    }
}
