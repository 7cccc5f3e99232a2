using System.Reflection;
using DeepNlp.Bench;

// Usage: dotnet run -c Release --project bench/DeepNlp.Bench -- SUITE [options]   (or "list")
var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
{
    Console.WriteLine("Benchmark suites (run one with: dotnet run -c Release --project bench/DeepNlp.Bench -- NAME):");
    foreach (var s in suites) Console.WriteLine($"  {s.Name,-12} {s.Description}");
    return args.Length == 0 ? 1 : 0;
}

var suite = suites.FirstOrDefault(s => s.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
if (suite is null)
{
    Console.Error.WriteLine($"Unknown suite '{args[0]}'. Known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}
return suite.Run(args[1..]);
