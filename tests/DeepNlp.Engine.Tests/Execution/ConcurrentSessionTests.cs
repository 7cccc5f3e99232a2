using DeepNlp.Engine.Execution;
using Microsoft.CodeAnalysis;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>Runs alone, after the parallel tests, so that no other session's framework symbols are alive when it starts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionsStartingTogether
{
    public const string Name = "Sessions starting together";
}

/// <summary>Sessions in one process share the framework's metadata; starting together must not split their types.</summary>
[Collection(SessionsStartingTogether.Name)]
public sealed class ConcurrentSessionTests
{
    private const int Sessions = 4;
    private const int Rounds = 3;

    [Fact]
    public async Task SessionsStartingTogether_LaterSubmissionsWithNewReferences_StillSeeEarlierCellsTypesAsFrameworkTypes()
    {
        for (var round = 0; round < Rounds; round++)
        {
            // Drop the symbols earlier tests' sessions left in Roslyn's cache, so these sessions bind from scratch.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var start = new Barrier(Sessions);
            var results = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(_ => Task.Run(async () =>
            {
                using var session = new NotebookSession();
                start.SignalAndWait();
                await session.ExecuteAsync("var words = new List<string> { \"a\", \"bc\" };");

                // Completion's compilation and a cell that needs an assembly outside the core set both bind new references.
                var completion = session.GetCompilation("words.Select(w => w.Length).Sum()").GetDiagnostics()
                    .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
                var cell = await session.ExecuteAsync("var table = new System.Data.DataTable(); words.Select(w => w.Length).Sum()");
                return (completion, cell);
            })));

            foreach (var (completion, cell) in results)
            {
                Assert.Empty(completion);
                Assert.True(cell.Status == CellStatus.Ok, cell.Error?.Message);
                Assert.Equal("3", cell.Events.OfType<CellResult>().Single().Bundle.Text);
            }
        }
    }
}
