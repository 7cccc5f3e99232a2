using System.Text;

namespace DeepNlp.Data;

/// <summary>The CMU Pronouncing Dictionary (cmudict, 2024-12-17): 135,166 pronunciations of 126,052 English words in
/// ARPAbet, the data of the grapheme-to-phoneme task.</summary>
/// <remarks>
/// <para>Each line is <c>word PH1 PH2 …</c>; a second or later pronunciation is written <c>word(2) …</c>, and a few lines
/// end in a comment after <c>#</c>, which is dropped. Vowels carry a stress digit (0 none, 1 primary, 2 secondary):
/// <see cref="Load(Split, bool, int)"/> strips it by default, which leaves the 39 phonemes of <c>cmudict.phones</c>, and
/// keeps it (69 symbols in use) when asked.</para>
/// <para>There is no official split. This one puts a word in train, validation or test by a seeded 64-bit FNV-1a hash of
/// the word (without its <c>(n)</c> suffix): hash mod 100 below 90 is train, below 95 validation, else test. Every
/// pronunciation of a word therefore lands in the same part, and the same seed always gives the same split.
/// Licence BSD-style (2 clauses): keep <c>LICENSE</c> with the data. Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class CmuDictDataset : Dataset
{
    /// <summary>The split seed used when none is given.</summary>
    public const int DefaultSplitSeed = 17;

    private const string DictionaryFile = "cmudict.dict.gz";

    internal CmuDictDataset(DatasetCatalog catalog)
        : base(catalog, "cmudict",
        [
            new("LICENSE", 1_754, "bd4ce8e44170a5f9f481310ca85c51de3c4f851a65e679b40e603b143bd3542a"),
            new(DictionaryFile, 914_689, "1ee4489c70758b8c4f65c2b63aa294c7b20da7ffc7b91027d52913ba343dfc95"),
            new("cmudict.phones", 382, "ffb588a5e55684723582c7256e1d2f9fadb130011392d9e59237c76e34c2cfd6"),
            new("cmudict.symbols", 281, "408ccaae803641c6d7b626b6299949320c2dbca96b2220fd3fb17887b023b027"),
        ])
    { }

    /// <summary>Every entry in file order.</summary>
    /// <param name="keepStress">Keep the vowels' stress digits (<c>EH1</c>) instead of stripping them (<c>EH</c>).</param>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DatasetChecksumException">A file is corrupted.</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public IReadOnlyList<Pronunciation> Load(bool keepStress = false)
    {
        var entries = new List<Pronunciation>(135_200);
        int lineNumber = 0;
        foreach (var line in ReadLines(DictionaryFile))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            entries.Add(Parse(line, keepStress) ?? throw new FormatException($"{PathOf(DictionaryFile)}, line {lineNumber}: expected 'word PH1 PH2 …', got '{line}'."));
        }
        return entries;
    }

    /// <summary>The entries of one part of the split, in file order.</summary>
    /// <param name="split">Which part.</param>
    /// <param name="keepStress">Keep the stress digits.</param>
    /// <param name="seed">Seed of the word hash; the default gives the kit's standard split (about 90/5/5).</param>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DatasetChecksumException">A file is corrupted.</exception>
    public IReadOnlyList<Pronunciation> Load(Split split, bool keepStress = false, int seed = DefaultSplitSeed) =>
        Load(keepStress).Where(e => SplitOf(e.Word, seed) == split).ToArray();

    /// <summary>The 39 phonemes (without stress) in <c>cmudict.phones</c> order.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    public IReadOnlyList<string> Phonemes() =>
        ReadLines("cmudict.phones").Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToArray();

    /// <summary>The part of the split a word belongs to.</summary>
    /// <param name="word">The word without its <c>(n)</c> suffix.</param>
    /// <param name="seed">Seed of the hash.</param>
    /// <remarks>h = FNV-1a-64 over the seed's 4 little-endian bytes then the word's UTF-8 bytes; h mod 100 &lt; 90 → train,
    /// &lt; 95 → validation, else test.</remarks>
    public static Split SplitOf(string word, int seed = DefaultSplitSeed)
    {
        ArgumentNullException.ThrowIfNull(word);
        const ulong Offset = 14695981039346656037, Prime = 1099511628211;
        ulong h = Offset;
        for (int i = 0; i < 4; i++) h = (h ^ (byte)(seed >> (8 * i))) * Prime;
        foreach (byte b in Encoding.UTF8.GetBytes(word)) h = (h ^ b) * Prime;
        int bucket = (int)(h % 100);
        return bucket < 90 ? Split.Train : bucket < 95 ? Split.Valid : Split.Test;
    }

    // "read(2) R EH1 D # comment" → ("read", 2, [R, EH, D]); null when there is no phoneme.
    private static Pronunciation? Parse(string line, bool keepStress)
    {
        int hash = line.IndexOf('#');
        var fields = (hash >= 0 ? line[..hash] : line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2) return null;
        string word = fields[0];
        int variant = 1;
        if (word.EndsWith(')') && word.LastIndexOf('(') is int open and > 0
            && int.TryParse(word.AsSpan(open + 1, word.Length - open - 2), out int n))
        {
            variant = n;
            word = word[..open];
        }
        var phonemes = new string[fields.Length - 1];
        for (int i = 1; i < fields.Length; i++)
            phonemes[i - 1] = keepStress ? fields[i] : fields[i].TrimEnd('0', '1', '2');
        return new Pronunciation(word, variant, phonemes);
    }
}
