using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>The metadata the kit writes into new notebooks: .NET Interactive's dialect with the kit kernel's kernelspec.</summary>
/// <remarks>
/// Keeping Polyglot's <c>polyglot_notebook</c> and <c>dotnet_interactive</c> keys lets people who still run that kernel
/// open the notebooks; the kernelspec names the kit's own Jupyter kernel (<c>course kernel install</c>).
/// </remarks>
public static class KitNotebookMetadata
{
    /// <summary>The Jupyter kernelspec name the kit kernel installs under.</summary>
    public const string KernelName = "deepnlp-csharp";

    /// <summary>The kernel's display name in Jupyter's launcher.</summary>
    public const string KernelDisplayName = "C# (.NET 10, course kit)";

    /// <summary>The notebook-level metadata: kernelspec, language_info and polyglot_notebook kernelInfo.</summary>
    public static JsonObject CreateNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["name"] = KernelName,
            ["display_name"] = KernelDisplayName,
            ["language"] = "C#",
        },
        ["language_info"] = CreateLanguageInfo(),
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp", ["languageName"] = "C#" }),
            },
        },
    };

    /// <summary>The <c>language_info</c> object (also what the kernel reports in kernel_info_reply).</summary>
    public static JsonObject CreateLanguageInfo() => new()
    {
        ["name"] = "C#",
        ["file_extension"] = ".cs",
        ["mimetype"] = "text/x-csharp",
    };

    /// <summary>The metadata of a new code cell: the .NET Interactive language and the Polyglot kernel name.</summary>
    public static JsonObject CreateCodeCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
    };
}
