using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class CmuDictDatasetTests
{
    [Fact]
    public void Load_HasTheDocumentedCounts_AndStripsStressByDefault()
    {
        var all = Datasets.CmuDict.Load();

        Assert.Equal(135_166, all.Count);
        Assert.Equal(126_052, all.Select(e => e.Word).Distinct().Count());
        Assert.Equal(9_114, all.Count(e => e.Variant > 1));
        Assert.Equal(39, all.SelectMany(e => e.Phonemes).Distinct().Count());
        Assert.Equal(Datasets.CmuDict.Phonemes().Order(), all.SelectMany(e => e.Phonemes).Distinct().Order());
    }

    [Fact]
    public void Load_KeepStress_HasSixtyNineSymbols_AndParsesVariantsAndComments()
    {
        var all = Datasets.CmuDict.Load(keepStress: true);

        Assert.Equal(69, all.SelectMany(e => e.Phonemes).Distinct().Count());
        Assert.Equal(["R", "EH1", "D"], all.First(e => e.Word == "read" && e.Variant == 1).Phonemes);
        Assert.Equal(["R", "IY1", "D"], all.Single(e => e.Word == "read" && e.Variant == 2).Phonemes);
        Assert.Equal(["AO1", "L", "B", "AO0", "R", "G"], all.First(e => e.Word == "aalborg" && e.Variant == 1).Phonemes);   // "# place, danish" dropped
    }

    [Fact]
    public void Split_KeepsEveryPronunciationOfAWordTogether_AndCoversAllEntries()
    {
        var train = Datasets.CmuDict.Load(Split.Train);
        var valid = Datasets.CmuDict.Load(Split.Valid);
        var test = Datasets.CmuDict.Load(Split.Test);

        var trainWords = train.Select(e => e.Word).ToHashSet();
        var validWords = valid.Select(e => e.Word).ToHashSet();
        var testWords = test.Select(e => e.Word).ToHashSet();
        Assert.Equal(135_166, train.Count + valid.Count + test.Count);
        Assert.False(trainWords.Overlaps(validWords));
        Assert.False(trainWords.Overlaps(testWords));
        Assert.False(validWords.Overlaps(testWords));
        Assert.InRange(train.Count / 135_166.0, 0.89, 0.91);
        Assert.InRange(test.Count / 135_166.0, 0.045, 0.055);
        Assert.Contains(train.Concat(valid).Concat(test), e => e.Variant > 1);
    }

    [Fact]
    public void SplitOf_IsDeterministic_AndTheSeedChangesIt()
    {
        string[] words = [.. Enumerable.Range(0, 2000).Select(i => "w" + i)];

        var first = words.Select(w => CmuDictDataset.SplitOf(w)).ToArray();
        var again = words.Select(w => CmuDictDataset.SplitOf(w)).ToArray();
        var other = words.Select(w => CmuDictDataset.SplitOf(w, seed: 5)).ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
