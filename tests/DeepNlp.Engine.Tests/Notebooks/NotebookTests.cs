using System.Text.Json.Nodes;
using DeepNlp.Engine.Notebooks;

namespace DeepNlp.Engine.Tests.Notebooks;

public class NotebookTests
{
    private const string Foreign = """
        {
         "cells": [
          {"cell_type": "markdown", "id": "intro", "metadata": {"tags": ["keep"]}, "source": ["# Title\n", "text"],
           "attachments": {"a.png": {"image/png": "AAAA"}}},
          {"cell_type": "code", "execution_count": 3, "id": "c1", "metadata": {"custom": {"x": 1}},
           "outputs": [{"output_type": "display_data", "data": {"text/plain": ["hi"]}, "metadata": {"isolated": true}}],
           "source": "var x = 1;"}
         ],
         "metadata": {"authors": [{"name": "A"}], "kernelspec": {"name": "other", "display_name": "Other", "language": "C#"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    [Fact]
    public void RoundTrip_PreservesUnknownMetadata_AttachmentsAndForeignOutputs()
    {
        var notebook = Notebook.Parse(Foreign);

        var again = JsonNode.Parse(Notebook.Parse(notebook.ToJson()).ToJson())!;

        Assert.Equal("A", again["metadata"]!["authors"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("other", again["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("keep", again["cells"]![0]!["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal("AAAA", again["cells"]![0]!["attachments"]!["a.png"]!["image/png"]!.GetValue<string>());
        Assert.Equal(1, again["cells"]![1]!["metadata"]!["custom"]!["x"]!.GetValue<int>());
        Assert.True(again["cells"]![1]!["outputs"]![0]!["metadata"]!["isolated"]!.GetValue<bool>());
        Assert.Equal(3, again["cells"]![1]!["execution_count"]!.GetValue<int>());
        Assert.Equal("var x = 1;", notebook.Cells[1].Source);
        Assert.Equal("# Title\ntext", notebook.Cells[0].Source);
    }

    [Fact]
    public void Parse_MalformedJson_NamesFileAndLine()
    {
        var text = "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}";

        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(text, "broken.ipynb"));

        Assert.Equal("broken.ipynb", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("broken.ipynb(3): not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("[]", "the top level is not a JSON object")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "nbformat 3 is not supported (expected 4)")]
    [InlineData("{\"nbformat\": 4}", "missing \"cells\" array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"python\"}]}", "cell 1 has unknown cell_type 'python'")]
    public void Parse_NotANotebook_SaysWhy(string text, string reason)
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(text, "x.ipynb"));

        Assert.Equal($"x.ipynb: {reason}", error.Message);
    }

    [Fact]
    public void Parse_WithoutKernelMetadataOrIds_ReadsAndUpgradesTo45()
    {
        var text = "{\"nbformat\": 4, \"nbformat_minor\": 2, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\", \"source\": \"1\", \"metadata\": {}, \"outputs\": []}]}";

        var notebook = Notebook.Parse(text);
        var written = JsonNode.Parse(notebook.ToJson())!;

        Assert.False(notebook.HasKernelMetadata);
        Assert.Equal(5, written["nbformat_minor"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{8}$", written["cells"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void New_Notebook_GetsDotNetInteractiveMetadata_WithKitKernelspec()
    {
        var notebook = new Notebook();
        notebook.Cells.Add(new NotebookCell(CellKind.Code, "1 + 1"));

        var json = JsonNode.Parse(notebook.ToJson())!;

        Assert.Equal("deepnlp-csharp", json["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C# (.NET 10, course kit)", json["metadata"]!["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("text/x-csharp", json["metadata"]!["language_info"]!["mimetype"]!.GetValue<string>());
        Assert.Equal("csharp", json["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", json["cells"]![0]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("csharp", json["cells"]![0]!["metadata"]!["dotnet_interactive"]!["language"]!.GetValue<string>());
    }

    [Fact]
    public void Save_ReplacesFileWhole_AndLeavesNoTemporaryFiles()
    {
        var folder = Directory.CreateTempSubdirectory("engine-nb-").FullName;
        var path = Path.Combine(folder, "a.ipynb");
        File.WriteAllText(path, "old");
        var notebook = Notebook.Parse(Foreign);

        notebook.Save(path);

        Assert.Equal(notebook.ToJson(), File.ReadAllText(path));
        Assert.Equal(["a.ipynb"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
