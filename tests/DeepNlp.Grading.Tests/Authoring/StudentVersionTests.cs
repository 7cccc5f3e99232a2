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
    [InlineData("lab05_count_vectors_glove")]
    [InlineData("lab06_text_classification")]
    [InlineData("lab07_sequence_tagging")]
    [InlineData("lab08_seq2seq_attention")]
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

    private const string ExerciseSolution = "// BEGIN SOLUTION\n// TODO: count the tokens.\nrecord Counter(int N);\nvar n = new Counter(3).N;\n// END SOLUTION\nn";

    private static string Lecture() => MiniKit.Notebook(
        MiniKit.Markdown("# A lecture", "intro"),
        MiniKit.Code("#r \"../artifacts/lib/DeepNlp.dll\"\nusing DeepNlp;", "setup"),
        MiniKit.Code("record Point(int X);\nvar p = new Point(1);\np", "main"),
        MiniKit.Markdown("## Exercises\n\n1. Why?\n\n<!-- BEGIN SOLUTION -->\nBecause the state is carried.\n<!-- END SOLUTION -->", "why"),
        MiniKit.Code(ExerciseSolution, "count"),
        MiniKit.Code("// instructor notes", "notes", new JsonObject { ["kind"] = "instructor" }));

    [Fact]
    public void Assign_LectureWithoutQuestions_StripsItsRegionsAndKeepsTheRest()
    {
        using var dir = new TempDir();
        using var outDir = new TempDir();
        var path = dir.Write("05_lecture.ipynb", Lecture());
        var withOutput = JsonNode.Parse(File.ReadAllText(path))!;
        withOutput["cells"]![2]!["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "1" });
        withOutput["cells"]![2]!["execution_count"] = 3;
        File.WriteAllText(path, withOutput.ToJsonString());

        var written = StudentVersion.Assign(path, outDir.Path);

        Assert.Equal(Path.Combine(outDir.Path, "05_lecture.ipynb"), written);
        var cells = JsonNode.Parse(File.ReadAllText(written))!["cells"]!.AsArray();
        string Source(int i) => cells[i]!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string)l!)) : (string)cells[i]!["source"]!;
        Assert.Equal(new[] { "intro", "setup", "main", "why", "count" }, cells.Select(c => (string)c!["id"]!));
        Assert.Equal("record Point(int X);\nvar p = new Point(1);\np", Source(2));
        Assert.Empty(cells[2]!["outputs"]!.AsArray());
        Assert.Null(cells[2]!["execution_count"]);
        Assert.Equal("## Exercises\n\n1. Why?\n\n" + SolutionRegions.AnswerPlaceholder, Source(3));
        Assert.Equal("// TODO: count the tokens.\nthrow new NotImplementedException(\"count the tokens.\");\nn", Source(4));
    }

    [Fact]
    public void BuildLecture_SameInput_GivesTheSameBytes()
    {
        var text = Lecture();

        var first = StudentVersion.BuildLecture("05_lecture.ipynb", text);
        var second = StudentVersion.BuildLecture("05_lecture.ipynb", text);

        Assert.Equal(first, second);
        Assert.DoesNotContain("BEGIN SOLUTION", Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void BuildLecture_UnclosedRegion_NamesTheFileAndCell()
    {
        var text = MiniKit.Notebook(MiniKit.Markdown("# A lecture", "intro"), MiniKit.Code("// BEGIN SOLUTION\nvar n = 1;", "broken"));

        var e = Assert.Throws<LabFormatException>(() => StudentVersion.BuildLecture("/x/05_lecture.ipynb", text));

        Assert.Equal("05_lecture.ipynb: cell 2 (id broken), line 1: BEGIN SOLUTION without END SOLUTION", e.Message);
    }

    [Fact]
    public void IsLecture_TheMiniLab_IsFalseAndANotebookWithoutQuestions_IsTrue()
    {
        using var kit = new MiniKit();

        Assert.False(StudentVersion.IsLecture(File.ReadAllText(kit.LabPath), "mini.ipynb"));
        Assert.True(StudentVersion.IsLecture(Lecture(), "05_lecture.ipynb"));
    }
}
