namespace Adrn.Linkage;

/// <summary>Runs a side computation on the thread pool while the calling thread does the main one.</summary>
public static class Alongside
{
    /// <summary>
    /// Starts <paramref name="side"/> on the thread pool, runs <paramref name="main"/> on this thread, and returns both
    /// results. When <paramref name="main"/> fails, the side computation is waited for (so none of its work outlives the
    /// call) and the main error is the one thrown; otherwise a side error is thrown as it was raised.
    /// </summary>
    /// <typeparam name="TMain">The main result.</typeparam>
    /// <typeparam name="TSide">The side result.</typeparam>
    /// <param name="main">The main computation (its errors are the ones reported first).</param>
    /// <param name="side">The side computation.</param>
    /// <returns>Both results.</returns>
    public static (TMain Main, TSide Side) Run<TMain, TSide>(Func<TMain> main, Func<TSide> side)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(side);
        var running = Task.Run(side, CancellationToken.None);
        TMain result;
        try
        {
            result = main();
        }
        catch
        {
            try
            {
                running.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The main computation's error is the one to report.
            }

            throw;
        }

        return (result, running.GetAwaiter().GetResult());
    }
}
