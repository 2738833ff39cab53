namespace Adrn.Linkage.Tests.Pipeline;

public sealed class AlongsideTests
{
    [Fact]
    public void Returns_both_results_and_runs_the_side_on_another_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        using var sideStarted = new ManualResetEventSlim();
        var (main, side) = Alongside.Run(
            () =>
            {
                // The main computation waits until the side one has started: they overlap.
                Assert.True(sideStarted.Wait(TimeSpan.FromSeconds(30)));
                return Environment.CurrentManagedThreadId;
            },
            () =>
            {
                sideStarted.Set();
                return Environment.CurrentManagedThreadId;
            });

        Assert.Equal(caller, main);
        Assert.NotEqual(caller, side);
    }

    [Fact]
    public void A_failing_main_computation_is_reported_after_the_side_one_finished()
    {
        var sideFinished = false;
        var ex = Assert.Throws<InvalidOperationException>(() => Alongside.Run<int, int>(
            () => throw new InvalidOperationException("main failed"),
            () =>
            {
                Thread.Sleep(200);
                sideFinished = true;
                throw new FormatException("side failed too");
            }));

        Assert.Equal("main failed", ex.Message);
        Assert.True(sideFinished);
    }

    [Fact]
    public void A_failing_side_computation_is_thrown_as_raised()
    {
        var ex = Assert.Throws<FormatException>(() => Alongside.Run(() => 1, () => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("x", ex.Message, StringComparison.Ordinal);
    }
}
