using System.CommandLine;
using DeepNlp.Kernel.Execution;
using DeepNlp.Kernel.Server;
using DeepNlp.Kernel.Spec;

namespace Course.Cli;

/// <summary>The <c>course kernel</c> commands: install or remove the Jupyter kernelspec, and start the kernel.</summary>
public static class KernelCommands
{
    /// <summary>Builds <c>course kernel install | uninstall | start</c>.</summary>
    /// <returns>The <c>kernel</c> command with its three subcommands.</returns>
    public static Command Create()
    {
        var kernel = new Command("kernel", "The Jupyter kernel: C# cells run by the kit's engine, for JupyterLab, VS Code and nbconvert.");
        kernel.Subcommands.Add(Install());
        kernel.Subcommands.Add(Uninstall());
        kernel.Subcommands.Add(Start());
        return kernel;
    }

    private static Option<bool> UserOption() => new("--user") { Description = "Per-user kernels folder (the default): ~/.local/share/jupyter/kernels, ~/Library/Jupyter/kernels or %APPDATA%\\jupyter\\kernels." };

    private static Option<string?> PrefixOption() => new("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels instead (e.g. $CONDA_PREFIX for a conda environment)." };

    private static Option<string> NameOption() => new("--name")
    {
        Description = $"Kernelspec name (default {KernelSpec.DefaultName}, which the course notebooks ask for).",
        DefaultValueFactory = _ => KernelSpec.DefaultName,
    };

    private static Command Install()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var name = NameOption();
        var command = new Command("install", "Install the kernelspec so Jupyter, VS Code and nbconvert can start this kernel.") { user, prefix, name };
        command.SetAction(parse =>
        {
            if (!CheckExclusive(parse.GetValue(user), parse.GetValue(prefix))) return 2;
            var folder = KernelsFolder(parse.GetValue(prefix));
            var courseDll = typeof(KernelCommands).Assembly.Location;
            try
            {
                var installed = KernelSpec.Install(folder, parse.GetValue(name)!, KernelSpec.Create(courseDll, DotnetHost()));
                Console.WriteLine($"Installed kernelspec '{parse.GetValue(name)}' ({KernelSpec.DisplayName}) in {installed}");
                Console.WriteLine($"It starts: {DotnetHost()} {courseDll} kernel start --connection-file {{connection_file}}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"course kernel install: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Uninstall()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var name = NameOption();
        var command = new Command("uninstall", "Remove the kernelspec installed by 'course kernel install'.") { user, prefix, name };
        command.SetAction(parse =>
        {
            if (!CheckExclusive(parse.GetValue(user), parse.GetValue(prefix))) return 2;
            var folder = KernelsFolder(parse.GetValue(prefix));
            try
            {
                var removed = KernelSpec.Uninstall(folder, parse.GetValue(name)!);
                Console.WriteLine(removed is null
                    ? $"No kernelspec '{parse.GetValue(name)}' in {folder}; nothing removed."
                    : $"Removed {removed}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"course kernel uninstall: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Start()
    {
        var connectionFile = new Option<FileInfo>("--connection-file", "-f")
        {
            Description = "The connection file Jupyter writes (its {connection_file}).",
            Required = true,
        };
        var command = new Command("start", "Run as a Jupyter kernel (Jupyter runs this through the kernelspec; you rarely type it).") { connectionFile };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(connectionFile)!;
            // The log writer is taken before the engine installs its console router, so kernel logs stay on stderr.
            var log = Console.Error;
            return KernelHost.Run(file.FullName, new EngineCodeRunner(warmUp: true), log);
        });
        return command;
    }

    private static bool CheckExclusive(bool user, string? prefix)
    {
        if (!user || prefix is null) return true;
        Console.Error.WriteLine("Give --user or --prefix, not both.");
        return false;
    }

    private static string KernelsFolder(string? prefix) =>
        prefix is null ? KernelSpec.UserKernelsDirectory() : KernelSpec.PrefixKernelsDirectory(prefix);

    /// <summary>The dotnet host running this command (absolute, so Jupyter started from a desktop launcher finds it too).</summary>
    private static string DotnetHost()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return process;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
