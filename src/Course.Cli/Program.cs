using System.CommandLine;
using Course.Cli;

// The `course` command. Each command lives in its own file and is added here by one line.
var root = new RootCommand("Deep NLP course kit: execute, test and render the C# notebooks.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(RenderCommand.Create());
root.Subcommands.Add(KernelCommands.Create());
foreach (var command in GradingCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(DataCommands.Create());
return await root.Parse(args).InvokeAsync();
