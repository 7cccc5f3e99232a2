using System.Text;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Tests.Authoring;

public class StudentVersionTests
{
    [Theory]
    [InlineData("lab01_word2vec")]
    [InlineData("lab02_ngram_lm")]
    [InlineData("lab03_rnn_lm")]
    [InlineData("lab04_lstm_gru")]
    public void Build_ShippedLab_RemovesSolutionsAndOutputsDeterministically(string name)
    {
        var lab = Lab.Load(Path.Combine(KitPaths.Root, "notebooks", "labs", name + ".ipynb"));

        var first = StudentVersion.Build(lab);
        var second = StudentVersion.Build(Lab.Load(lab.Path));

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain("BEGIN SOLUTION", text);
        Assert.DoesNotContain("hidden: true", text);
        var nb = JsonNode.Parse(text)!;
        var cells = nb["cells"]!.AsArray();
        Assert.Equal(lab.Cells.Select(c => c.Id), cells.Select(c => (string)c!["id"]!));
        Assert.All(cells.Where(c => (string)c!["cell_type"]! == "code"), c => Assert.Empty(c!["outputs"]!.AsArray()));
        Assert.Equal(lab.Cells.Count(c => c.Kind == LabCellKind.Solution),
            cells.Count(c => string.Concat(c!["source"]!.AsArray().Select(l => (string)l!)).Contains("throw new NotImplementedException(", StringComparison.Ordinal)));
    }

    [Fact]
    public void Assign_IntoTheLabsOwnFolder_IsRefused()
    {
        using var kit = new MiniKit();

        var e = Assert.Throws<ArgumentException>(() => StudentVersion.Assign(kit.LabPath, Path.GetDirectoryName(kit.LabPath)!));

        Assert.Contains("the solution would be overwritten", e.Message);
    }

    [Fact]
    public void Assign_WritesTheStudentNotebookUnderTheLabsName()
    {
        using var kit = new MiniKit();
        using var dir = new TempDir();

        var path = StudentVersion.Assign(kit.LabPath, dir.Path);

        Assert.Equal(Path.Combine(dir.Path, "mini.ipynb"), path);
        var text = File.ReadAllText(path);
        Assert.Contains("throw new NotImplementedException(\\\"return the sum of a and b.\\\");", text);
        Assert.Contains(SolutionRegions.AnswerPlaceholder, text);
        Assert.DoesNotContain("Because.", text);
    }
}
