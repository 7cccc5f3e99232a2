using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Tests.Authoring;

public class LabTests
{
    [Fact]
    public void Load_MiniLab_ReadsQuestionsPointsKindsAndHiddenChunks()
    {
        using var kit = new MiniKit();

        var lab = Lab.Load(kit.LabPath);

        Assert.Equal(["q1:2:False", "q2:3:False", "w1:1:True"], lab.Questions.Select(q => $"{q.Id}:{q.Points}:{q.Written}"));
        Assert.Equal("Addition", lab.Questions[0].Title);
        Assert.Equal([LabCellKind.Plain, LabCellKind.Setup, LabCellKind.Solution, LabCellKind.Tests, LabCellKind.Solution, LabCellKind.Tests, LabCellKind.Written],
            lab.Cells.Select(c => c.Kind));
        Assert.Equal(["q1", "q2"], lab.Hidden.Select(h => h.Question));
        Assert.Equal(5, lab.AutogradedPoints);
    }

    [Theory]
    [InlineData("lab01_word2vec", "q1:4 q2:4 w1:2 q3:2 q4:4")]
    [InlineData("lab02_ngram_lm", "q1:3 q2:2 q3:4 q4:3 q5:3 w1:2")]
    [InlineData("lab03_rnn_lm", "q1:3 q2:4 q3:2 q4:3 q5:2 w1:2")]
    [InlineData("lab04_lstm_gru", "q1:3 q2:4 q3:4 q4:2 w1:2")]
    [InlineData("lab05_count_vectors_glove", "q1:3 q2:3 q3:4 q4:4 q5:4 w1:2 w2:2")]
    [InlineData("lab06_text_classification", "q1:4 q2:5 q3:4 q4:3 w1:2 w2:2")]
    [InlineData("lab07_sequence_tagging", "q1:3 q2:5 q3:2 q4:3 q5:2 w1:2 w2:2")]
    [InlineData("lab08_seq2seq_attention", "q1:4 q2:4 q3:3 q4:4 w1:2 w2:2")]
    public void Load_ShippedLabs_HaveTheirQuestionsAndHiddenTests(string name, string expected)
    {
        var lab = Lab.Load(Path.Combine(KitPaths.Root, "notebooks", "labs", name + ".ipynb"));

        Assert.Equal(expected, string.Join(' ', lab.Questions.Select(q => $"{q.Id}:{q.Points}")));
        Assert.Equal(lab.Questions.Where(q => !q.Written).Select(q => q.Id), lab.Hidden.Select(h => h.Question).Distinct());
    }

    [Fact]
    public void Load_TestsCellWithoutPoints_IsAnErrorNamingTheCell()
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.ipynb", MiniKit.Notebook(MiniKit.Code("Grader.Test(\"q1\", \"t\", () => {});", "abc")));

        var e = Assert.Throws<LabFormatException>(() => Lab.Load(path));

        Assert.Equal("lab.ipynb: cell 1 (id abc): question q1 has no points (metadata \"grading\": {\"points\": N} or Grader.Question(\"q1\", points: N))", e.Message);
    }

    [Fact]
    public void Load_PointsInMetadataAndCallDisagree_IsAnError()
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.ipynb", MiniKit.Notebook(MiniKit.Code("Grader.Question(\"q1\", points: 2);\nGrader.Check(\"q1\")", "t1",
            new JsonObject { ["kind"] = "tests", ["points"] = 3 })));

        var e = Assert.Throws<LabFormatException>(() => Lab.Load(path));

        Assert.Contains("question q1 has 3 points in metadata but 2 in Grader.Question", e.Message);
    }

    [Fact]
    public void Load_TestTimeoutInTestsCellMetadata_IsThatQuestionsLimit()
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.ipynb", MiniKit.Notebook(
            MiniKit.Code("Grader.Question(\"q1\", 1);\nGrader.Check(\"q1\")", "t1", new JsonObject { ["kind"] = "tests", ["test_timeout"] = 30 }),
            MiniKit.Code("Grader.Question(\"q2\", 1);\nGrader.Check(\"q2\")", "t2")));

        var lab = Lab.Load(path);

        Assert.Equal([30.0, null], lab.Questions.Select(q => q.TestTimeoutSeconds));
    }

    [Fact]
    public void Load_Lab07_GivesOnlyQ5ItsOwnTestTimeout()
    {
        var lab = Lab.Load(Path.Combine(KitPaths.Root, "notebooks", "labs", "lab07_sequence_tagging.ipynb"));

        Assert.Equal("q5:30", string.Join(' ', lab.Questions.Where(q => q.TestTimeoutSeconds is not null).Select(q => $"{q.Id}:{q.TestTimeoutSeconds}")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("\"long\"")]
    public void Load_TestTimeoutNotAPositiveNumber_IsAnErrorNamingTheCell(string value)
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.ipynb", MiniKit.Notebook(MiniKit.Code("Grader.Question(\"q1\", 1);\nGrader.Check(\"q1\")", "t1",
            new JsonObject { ["kind"] = "tests", ["test_timeout"] = JsonNode.Parse(value) })));

        var e = Assert.Throws<LabFormatException>(() => Lab.Load(path));

        Assert.StartsWith("lab.ipynb: cell 1 (id t1): \"test_timeout\" must be a positive number of seconds", e.Message);
    }

    [Fact]
    public void Load_HiddenChunkForUnknownQuestion_NamesFileAndLine()
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.ipynb", MiniKit.Notebook(MiniKit.Code("Grader.Question(\"q1\", 1);\nGrader.Check(\"q1\")", "t1")));
        dir.Write("lab.hidden.cs", "// header\n// QUESTION q1\nGrader.Test(\"q1\", \"a\", () => {}, hidden: true);\n// QUESTION q9\n");

        var e = Assert.Throws<LabFormatException>(() => Lab.Load(path));

        Assert.Equal("lab.hidden.cs, line 4: QUESTION q9 is not an autograded question of the lab", e.Message);
    }

    [Fact]
    public void Load_NotANotebook_SaysSo()
    {
        using var dir = new TempDir();
        var path = dir.Write("lab.ipynb", "{\"hello\": 1}");

        var e = Assert.Throws<LabFormatException>(() => Lab.Load(path));

        Assert.EndsWith("lab.ipynb: not a notebook (no \"cells\" array)", e.Message);
    }
}
