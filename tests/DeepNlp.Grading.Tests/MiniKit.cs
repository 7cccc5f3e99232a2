using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Tests;

/// <summary>A throwaway kit tree with a two-question lab that runs in a second: kit/notebooks/labs/mini.ipynb,
/// its hidden tests, kit/artifacts/lib/DeepNlp.dll and an empty kit/datasets/.</summary>
public sealed class MiniKit : IDisposable
{
    public const string AddSolution = "int Add(int a, int b)\n{\n    // BEGIN SOLUTION\n    // TODO: return the sum of a and b.\n    return a + b;\n    // END SOLUTION\n}";
    public const string MeanSolution = "double Mean(double[] xs)\n{\n    // BEGIN SOLUTION\n    // TODO: return the average of xs.\n    return xs.Sum() / xs.Length;\n    // END SOLUTION\n}";

    public MiniKit()
    {
        Root = Directory.CreateTempSubdirectory("deepnlp-minikit-").FullName;
        var lib = Path.Combine(Root, "artifacts", "lib");
        Directory.CreateDirectory(lib);
        File.Copy(typeof(DeepNlp.Labs.Grader).Assembly.Location, Path.Combine(lib, "DeepNlp.dll"));
        Directory.CreateDirectory(Path.Combine(Root, "datasets"));
        Directory.CreateDirectory(Path.Combine(Root, "notebooks", "labs"));
        LabPath = Path.Combine(Root, "notebooks", "labs", "mini.ipynb");
        File.WriteAllText(LabPath, Notebook(
            Markdown("# Mini lab"),
            Code("#r \"../../artifacts/lib/DeepNlp.dll\"\nusing DeepNlp.Labs;", "setup-1"),
            Code(AddSolution, "add-1"),
            Code("Grader.Question(\"q1\", points: 2, \"Addition\");\n"
                + "Grader.Test(\"q1\", \"one plus one\", () => Expect.Equal(Add(1, 1), 2, \"Add(1, 1)\"));\n"
                + "Grader.Test(\"q1\", \"negative numbers\", () => Expect.Equal(Add(-2, -3), -5, \"Add(-2, -3)\"));\n"
                + "Grader.Check(\"q1\")", "tests-1"),
            Code(MeanSolution, "mean-1"),
            Code("Grader.Test(\"q2\", \"mean of 1, 2, 3\", () => Expect.Close(Mean(new double[] { 1, 2, 3 }), 2.0, what: \"Mean\"));\n"
                + "Grader.Check(\"q2\")", "tests-2", new JsonObject { ["kind"] = "tests", ["question"] = "q2", ["points"] = 3 }),
            Markdown("Why average?\n\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->", "written-1",
                new JsonObject { ["kind"] = "written", ["question"] = "w1", ["points"] = 1 })));
        File.WriteAllText(Path.ChangeExtension(LabPath, ".hidden.cs"),
            "// Hidden tests of the mini lab.\n// QUESTION q1\nGrader.Test(\"q1\", \"large numbers\", () => Expect.Equal(Add(1000, 2000), 3000, \"Add\"), hidden: true);\n"
            + "// QUESTION q2\nGrader.Test(\"q2\", \"mean with negatives\", () => Expect.Close(Mean(new double[] { -1, -3 }), -2.0, what: \"Mean\"), hidden: true);\n");
    }

    public string Root { get; }

    public string LabPath { get; }

    /// <summary>A submission: the student version with each (cell id, new source) replacing that cell's source.</summary>
    public string Submission(string dir, string name, params (string CellId, string Source)[] edits)
    {
        var nb = JsonNode.Parse(global::DeepNlp.Grading.Authoring.StudentVersion.Build(global::DeepNlp.Grading.Authoring.Lab.Load(LabPath)))!.AsObject();
        foreach (var (id, source) in edits)
        {
            var cell = nb["cells"]!.AsArray().Single(c => (string?)c!["id"] == id)!;
            cell["source"] = source;
        }
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".ipynb");
        File.WriteAllText(path, nb.ToJsonString());
        return path;
    }

    public static string Notebook(params JsonObject[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray(cells),
        ["metadata"] = new JsonObject(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    }.ToJsonString();

    public static JsonObject Code(string source, string id = "", JsonObject? grading = null) =>
        Cell("code", source, id, grading);

    public static JsonObject Markdown(string source, string id = "", JsonObject? grading = null) =>
        Cell("markdown", source, id, grading);

    private static JsonObject Cell(string type, string source, string id, JsonObject? grading)
    {
        var cell = new JsonObject { ["cell_type"] = type, ["id"] = id.Length > 0 ? id : "c" + Guid.NewGuid().ToString("N")[..8], ["metadata"] = new JsonObject(), ["source"] = source };
        if (grading is not null) cell["metadata"]!["grading"] = grading;
        if (type == "code")
        {
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }
        return cell;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
