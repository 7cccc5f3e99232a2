namespace DeepNlp.Bench;

/// <summary>One benchmark suite: measures the kit and its peers in the same run and prints a table of ratios.</summary>
/// <remarks>Suites are discovered by reflection, so adding one is adding a class; see Program.cs.</remarks>
public interface IBenchmarkSuite
{
    /// <summary>Short name used on the command line, e.g. "ngram".</summary>
    string Name { get; }

    /// <summary>One line saying what the suite measures and against which peers.</summary>
    string Description { get; }

    /// <summary>Runs the suite. <paramref name="args"/> are the arguments after the suite name (e.g. --quick).</summary>
    /// <returns>Process exit code: 0 when every measurement ran.</returns>
    int Run(string[] args);
}
