using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

public class RecurrentStackCacheTests
{
    private static double[] Inputs(int length) => [.. Enumerable.Range(0, length).Select(i => Math.Sin(0.7 * i))];

    [Fact]
    public void LastCache_IsNullBeforeForward_ThenIsTheCacheForwardReturned()
    {
        var stack = RecurrentStack<double>.Create(CellKind.Gru, "g", 3, 4, 2, new Random(1));

        var before = stack.LastCache;
        var returned = stack.Forward(Inputs(5 * 2 * 3), 5, 2, default, default, training: false);

        Assert.Null(before);
        Assert.Same(returned, stack.LastCache);
    }

    [Fact]
    public void Layers_HoldWhatEachCellComputesOnItsOwn_BottomLayerFirst()
    {
        var stack = RecurrentStack<double>.Create(CellKind.Lstm, "l", 3, 4, 2, new Random(5));
        var twin = RecurrentStack<double>.Create(CellKind.Lstm, "l", 3, 4, 2, new Random(5));
        var x = Inputs(5 * 2 * 3);

        stack.Forward(x, 5, 2, default, default, training: false);
        var cache = stack.LastCache!;

        var bottom = (LstmCache<double>)twin.Cells[0].Forward(x, 5, 2, default, default, training: false);
        var top = twin.Cells[1].Forward(bottom.Output, 5, 2, default, default, training: false);
        Assert.Equal(2, cache.Layers.Count);
        Assert.Equal(bottom.Gates, Assert.IsType<LstmCache<double>>(cache.Layers[0]).Gates);
        Assert.Equal(top.Output.ToArray(), cache.Layers[1].Output.ToArray());
        Assert.Equal(cache.Layers[1].Output.ToArray(), cache.Output.ToArray());
        Assert.Equal([.. bottom.HiddenAt(5), .. top.HiddenAt(5)], cache.HiddenAt(5));
    }
}
