using System.Globalization;

namespace DeepNlp.Data;

/// <summary>Google word-analogy test set (word2vec <c>questions-words.txt</c>): 19,544 questions in 14 categories (Apache 2.0).</summary>
/// <remarks>5 semantic categories (8,869 questions) and 9 syntactic ones (10,675). Words keep their case.</remarks>
public sealed class GoogleAnalogyDataset : Dataset
{
    /// <summary>The question file.</summary>
    public const string FileName = "questions-words.txt";

    internal GoogleAnalogyDataset(DatasetCatalog catalog)
        : base(catalog, "google-analogy",
        [
            new("LICENSE-Apache-2.0.txt", 11_358, "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"),
            new(FileName, 603_955, "8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36"),
        ])
    { }

    /// <summary>All questions in file order.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    /// <exception cref="FormatException">A line is malformed (message names file and line).</exception>
    public IReadOnlyList<AnalogyQuestion> Load() => Parse(ReadLines(FileName), PathOf(FileName));

    /// <summary>Parses the <c>questions-words.txt</c> format (<c>: category</c> headers, then <c>a b c d</c> lines).</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="FormatException">A question comes before any category, or does not have four words.</exception>
    public static IReadOnlyList<AnalogyQuestion> Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var questions = new List<AnalogyQuestion>(19_544);
        string? category = null;
        int lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (line.Length == 0) continue;
            if (line.StartsWith(':'))
            {
                category = line[1..].Trim();
                continue;
            }
            var w = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (w.Length != 4)
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}:{lineNo}: expected four words 'a b c d', got '{line}'."));
            if (category is null)
                throw new FormatException($"{source}:{lineNo}: question before any ': category' line.");
            questions.Add(new AnalogyQuestion(category, w[0], w[1], w[2], w[3]));
        }
        return questions;
    }
}
