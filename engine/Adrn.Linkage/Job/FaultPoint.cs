namespace Adrn.Linkage.Job;

/// <summary>
/// Named moments of a long operation where a fault test can stop the process exactly there. When the environment
/// variable <c>ADRN_PAUSE_AT</c> names the point a run reaches, it prints <c>paused at POINT</c> on standard error and
/// waits there for good, so the test can kill the process with SIGKILL at that moment and not a moment later. Unset (as
/// in every normal run) nothing happens. The points are listed where they are reached: the dataset store's commits
/// (<c>linked</c>, <c>objects-written</c>, <c>committing</c>) and the job coordinator's journal
/// (<c>counted:N</c>, <c>scored:N</c>: the Nth counting unit or scored partition journalled).
/// </summary>
public static class FaultPoint
{
    /// <summary>The environment variable naming the point to pause at.</summary>
    public const string Variable = "ADRN_PAUSE_AT";

    private static readonly string? PauseAt = Environment.GetEnvironmentVariable(Variable);

    /// <summary>True when a point is set, so callers can skip building point names in normal runs.</summary>
    public static bool Armed => PauseAt is not null;

    /// <summary>Pauses for good when <paramref name="point"/> is the point named by <c>ADRN_PAUSE_AT</c>.</summary>
    /// <param name="point">The point reached.</param>
    public static void Reach(string point)
    {
        if (PauseAt is null || !string.Equals(PauseAt, point, StringComparison.Ordinal)) return;
        Console.Error.WriteLine("paused at " + point);
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
