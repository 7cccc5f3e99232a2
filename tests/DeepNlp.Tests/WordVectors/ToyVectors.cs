using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

/// <summary>A hand-made vector set whose analogies have known answers (king = man + royal, queen = woman + royal, ...).</summary>
internal static class ToyVectors
{
    public static WordEmbeddings Create()
    {
        // axes: 0 male, 1 female, 2 royal, 3 france, 4 capital, 5 italy
        var rows = new (string Word, float[] V)[]
        {
            ("man", [1, 0, 0, 0, 0, 0]),
            ("woman", [0, 1, 0, 0, 0, 0]),
            ("king", [1, 0, 1, 0, 0, 0]),
            ("queen", [0, 1, 1, 0, 0, 0]),
            ("france", [0, 0, 0, 1, 0, 0]),
            ("paris", [0, 0, 0, 1, 1, 0]),
            ("italy", [0, 0, 0, 0, 0, 1]),
            ("rome", [0, 0, 0, 0, 1, 1]),
        };
        return new WordEmbeddings(rows.Select(r => r.Word).ToArray(), rows.SelectMany(r => r.V).ToArray(), 6);
    }
}
