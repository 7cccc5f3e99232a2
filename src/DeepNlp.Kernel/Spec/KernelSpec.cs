using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepNlp.Kernel.Spec;

/// <summary>Installs and removes the kit kernel's kernelspec (the <c>kernel.json</c> Jupyter reads to start a kernel).</summary>
/// <remarks>Folders as jupyter_core.paths lays them out: per user <c>JUPYTER_DATA_DIR</c>, else
/// <c>~/.local/share/jupyter</c> (Linux, or <c>$XDG_DATA_HOME/jupyter</c>), <c>~/Library/Jupyter</c> (macOS),
/// <c>%APPDATA%\jupyter</c> (Windows); under a prefix <c>PREFIX/share/jupyter</c>; kernelspecs in <c>kernels/NAME</c>.
/// Used by <c>course kernel install</c> and <c>course kernel uninstall</c>.</remarks>
public static class KernelSpec
{
    /// <summary>The kernelspec name notebooks refer to in <c>metadata.kernelspec.name</c>.</summary>
    public const string DefaultName = "deepnlp-csharp";

    /// <summary>The name shown in Jupyter's kernel picker.</summary>
    public const string DisplayName = "C# (.NET 10, course kit)";

    /// <summary>The per-user Jupyter kernels folder.</summary>
    /// <returns>An absolute path (not created).</returns>
    public static string UserKernelsDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrEmpty(explicitDir)) return Path.Combine(Path.GetFullPath(explicitDir), "kernels");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string data;
        if (OperatingSystem.IsWindows())
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        else if (OperatingSystem.IsMacOS())
            data = Path.Combine(home, "Library", "Jupyter");
        else
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            data = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
        }
        return Path.Combine(data, "kernels");
    }

    /// <summary>The kernels folder under an installation prefix (a conda environment, a virtualenv, /usr/local).</summary>
    /// <param name="prefix">The prefix, e.g. <c>$CONDA_PREFIX</c>.</param>
    /// <returns>An absolute path (not created).</returns>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>The kernel.json that starts <c>course kernel start</c> from a given course.dll.</summary>
    /// <param name="courseDll">Absolute path of course.dll.</param>
    /// <param name="dotnet">The dotnet host to run it with (an absolute path, or <c>dotnet</c> to find it on PATH).</param>
    /// <returns>The JSON object.</returns>
    /// <remarks>interrupt_mode is <c>message</c>: Jupyter sends interrupt_request on the control channel instead of SIGINT,
    /// which works the same on Windows.</remarks>
    public static JsonObject Create(string courseDll, string dotnet) => new()
    {
        ["argv"] = new JsonArray(dotnet, courseDll, "kernel", "start", "--connection-file", "{connection_file}"),
        ["display_name"] = DisplayName,
        ["language"] = "C#",
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>Writes <c>kernels/NAME/kernel.json</c> (replacing an earlier install of the same name).</summary>
    /// <param name="kernelsDirectory">The kernels folder (<see cref="UserKernelsDirectory"/> or <see cref="PrefixKernelsDirectory"/>).</param>
    /// <param name="name">The kernelspec name; letters, digits, '.', '_' and '-' only, as Jupyter requires.</param>
    /// <param name="spec">The kernel.json contents (<see cref="Create"/>).</param>
    /// <returns>The kernelspec folder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> has characters Jupyter rejects.</exception>
    public static string Install(string kernelsDirectory, string name, JsonObject spec)
    {
        CheckName(name);
        var folder = Path.Combine(kernelsDirectory, name);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, "kernel.json");
        var temporary = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, target, overwrite: true);
        KernelLogo.Write(folder);
        return folder;
    }

    /// <summary>Removes <c>kernels/NAME</c>.</summary>
    /// <param name="kernelsDirectory">The kernels folder it was installed into.</param>
    /// <param name="name">The kernelspec name.</param>
    /// <returns>The folder removed, or null when none was installed there.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> has characters Jupyter rejects.</exception>
    public static string? Uninstall(string kernelsDirectory, string name)
    {
        CheckName(name);
        var folder = Path.Combine(kernelsDirectory, name);
        if (!File.Exists(Path.Combine(folder, "kernel.json"))) return null;
        Directory.Delete(folder, recursive: true);
        return folder;
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"kernel name '{name}' may contain only ASCII letters, digits, '.', '_' and '-'", nameof(name));
    }
}
