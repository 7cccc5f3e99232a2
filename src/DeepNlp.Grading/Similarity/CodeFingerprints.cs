using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepNlp.Grading.Similarity;

/// <summary>One token of a student's code: its normalised kind and where it sits (cell and character span).</summary>
/// <param name="Code">Normalised token: every identifier is the same code, every literal another; other tokens by kind.</param>
/// <param name="Cell">Index of the code piece (cell) it came from.</param>
/// <param name="Start">Start offset in that piece.</param>
/// <param name="Length">Length in characters.</param>
internal readonly record struct CodeToken(int Code, int Cell, int Start, int Length);

/// <summary>Winnowed fingerprints of C# code, in the manner of MOSS.</summary>
/// <remarks>
/// Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document fingerprinting" (SIGMOD 2003): the code is
/// lexed with Roslyn (comments and whitespace are trivia and vanish), identifiers and literals are normalised so that
/// renaming a variable or changing a constant does not hide a copy, every k consecutive tokens are hashed, and from each
/// window of w consecutive hashes the minimum is kept (the rightmost one on ties, recorded once: "robust winnowing").
/// Any shared run of at least w + k − 1 tokens is then guaranteed to share a fingerprint, and runs shorter than k are
/// ignored as noise. Fingerprints are a set, so reordering methods changes nothing.
/// </remarks>
internal sealed class CodeFingerprints
{
    private const int Identifier = -1;
    private const int Literal = -2;

    public CodeFingerprints(IReadOnlyList<string> pieces, int k, int w)
    {
        Pieces = pieces;
        var tokens = new List<CodeToken>();
        for (int c = 0; c < pieces.Count; c++)
            foreach (var t in SyntaxFactory.ParseTokens(pieces[c], options: new CSharpParseOptions(kind: SourceCodeKind.Script)))
            {
                if (t.IsKind(SyntaxKind.EndOfFileToken) || t.Span.Length == 0) continue;
                tokens.Add(new CodeToken(Normalise(t), c, t.SpanStart, t.Span.Length));
            }
        Tokens = tokens;
        var hashes = new ulong[Math.Max(0, tokens.Count - k + 1)];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = Hash(tokens, i, k);
        AllHashes = hashes.ToHashSet();
        // Robust winnowing: keep the minimum of each window (rightmost on ties), once per position.
        var selected = new Dictionary<ulong, List<int>>();
        int last = -1;
        for (int start = 0; start + w <= hashes.Length || (start == 0 && hashes.Length > 0); start++)
        {
            int end = Math.Min(start + w, hashes.Length);
            int min = start;
            for (int i = start; i < end; i++) if (hashes[i] <= hashes[min]) min = i;
            if (min != last)
            {
                if (!selected.TryGetValue(hashes[min], out var at)) selected[hashes[min]] = at = [];
                at.Add(min);
                last = min;
            }
            if (end == hashes.Length) break;
        }
        Selected = selected;
        K = k;
    }

    /// <summary>The code pieces (solution cells) as submitted.</summary>
    public IReadOnlyList<string> Pieces { get; }

    /// <summary>Tokens in order across the pieces.</summary>
    public IReadOnlyList<CodeToken> Tokens { get; }

    /// <summary>Every k-gram hash (used to remove starter code).</summary>
    public HashSet<ulong> AllHashes { get; }

    /// <summary>The winnowed fingerprints and the token positions where their k-grams start.</summary>
    public Dictionary<ulong, List<int>> Selected { get; private set; }

    /// <summary>k-gram length in tokens.</summary>
    public int K { get; }

    /// <summary>Drops fingerprints that also occur in <paramref name="starter"/> (code every student was given).</summary>
    public void Exclude(CodeFingerprints starter) =>
        Selected = Selected.Where(kv => !starter.AllHashes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static int Normalise(SyntaxToken t) => t.Kind() switch
    {
        SyntaxKind.IdentifierToken => Identifier,
        SyntaxKind.NumericLiteralToken or SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken
            or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken
            or SyntaxKind.MultiLineRawStringLiteralToken => Literal,
        var kind => (int)kind,
    };

    private static ulong Hash(List<CodeToken> tokens, int start, int k)
    {
        // FNV-1a over the k token codes.
        ulong h = 14695981039346656037UL;
        for (int i = start; i < start + k; i++)
        {
            h ^= unchecked((uint)tokens[i].Code);
            h *= 1099511628211UL;
        }
        return h;
    }
}
