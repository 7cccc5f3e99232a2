using System.CommandLine;
using Course.Cli;

// Compile last run's start-up methods on a spare core (see StartupProfile): `course run`'s first cell and the kernel's
// first result come sooner.
// Only the commands that compile cells, each with its own profile.
if (args switch
    {
        ["run", ..] => "run",
        ["render", ..] => "render",
        ["kernel", "start", ..] => "kernel",
        [DeepNlp.Grading.Running.GradeWorker.CommandName, ..] => "grade-worker",
        _ => null,
    } is { } profile)
    DeepNlp.Engine.Startup.StartupProfile.Start(profile);

// The `course` command. Each command lives in its own file and is added here by one line.
var root = new RootCommand("Deep NLP course kit: execute, test and render the C# notebooks.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(RenderCommand.Create());
root.Subcommands.Add(KernelCommands.Create());
foreach (var command in GradingCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(DataCommands.Create());
return await root.Parse(args).InvokeAsync();
