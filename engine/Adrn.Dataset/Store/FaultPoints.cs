namespace Adrn.Dataset.Store;

/// <summary>
/// Named points of a store operation where a fault test can stop the process: when the environment variable
/// <c>ADRN_DATASET_PAUSE_AT</c> names a point, the operation prints <c>paused at POINT</c> on standard error when it
/// reaches it and waits there, so the test can kill it with SIGKILL at exactly that moment. Unset, nothing happens.
/// Points: <c>linked</c> (wave linked, nothing stored), <c>objects-written</c> (ledgers and spine files stored, catalog
/// not yet changed), <c>committing</c> (inside the catalog transaction, before its commit).
/// </summary>
internal static class FaultPoints
{
    private static readonly string? PauseAt = Environment.GetEnvironmentVariable("ADRN_DATASET_PAUSE_AT");

    public static void Reach(string point)
    {
        if (PauseAt is null || !string.Equals(PauseAt, point, StringComparison.Ordinal)) return;
        Console.Error.WriteLine("paused at " + point);
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
