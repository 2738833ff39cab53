namespace Adrn.Bench.Dataset;

/// <summary>One measured process.</summary>
/// <param name="WallSeconds">Elapsed seconds from start to exit.</param>
/// <param name="UserSeconds">CPU seconds in user mode.</param>
/// <param name="SystemSeconds">CPU seconds in the kernel.</param>
/// <param name="PeakRssMiB">Peak resident set size, MiB.</param>
/// <param name="LoadBefore">1-minute load average just before it started.</param>
/// <param name="Output">What it printed.</param>
internal sealed record ProcessMeasurement(double WallSeconds, double UserSeconds, double SystemSeconds, double PeakRssMiB, double LoadBefore, string Output);
