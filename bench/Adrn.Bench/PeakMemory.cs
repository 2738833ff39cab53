using System.Globalization;

namespace Adrn.Bench;

/// <summary>
/// Peak resident set size of this process (Linux VmHWM), resettable between phases by writing 5 to
/// /proc/self/clear_refs, so the engine's and the peer's phases each get their own peak.
/// </summary>
public static class PeakMemory
{
    /// <summary>Resets the peak to the current RSS (no-op where the kernel does not allow it).</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux or not permitted: the peak then covers the whole process so far (stated in the report).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Peak RSS in MiB since the last reset (falls back to the process's peak working set).</summary>
    /// <returns>MiB.</returns>
    public static double PeakMiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }
        catch (IOException)
        {
        }

        using var p = System.Diagnostics.Process.GetCurrentProcess();
        return p.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
