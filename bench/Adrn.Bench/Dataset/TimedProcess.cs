using System.Diagnostics;
using System.Globalization;

namespace Adrn.Bench.Dataset;

/// <summary>
/// A command run to completion as its own process and measured from outside by GNU time (<c>/usr/bin/time</c>): wall,
/// user and system seconds and the peak resident set size, with the load average before it started.
/// </summary>
internal static class TimedProcess
{
    private const string Time = "/usr/bin/time";

    /// <summary>Runs <c>dotnet DLL args...</c> (with extra environment variables, or none); throws with its output when it fails.</summary>
    public static ProcessMeasurement RunDotnet(string dll, IEnumerable<string> args, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var load = LoadAverage();
        var timeFile = Path.GetTempFileName();
        var hasTime = File.Exists(Time);
        var start = new ProcessStartInfo(hasTime ? Time : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (hasTime)
        {
            foreach (var a in new[] { "-f", "%e %U %S %M", "-o", timeFile, "dotnet" }) start.ArgumentList.Add(a);
        }

        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalSeconds;
        var output = stdout.Result + stderr.Result;
        File.AppendAllText(logPath, $"$ dotnet {dll} {string.Join(' ', start.ArgumentList.Skip(hasTime ? 6 : 1))}\n{output}\n");
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        try
        {
            if (!hasTime) return new ProcessMeasurement(wall, double.NaN, double.NaN, double.NaN, load, output);
            var parts = File.ReadAllLines(timeFile).Last(l => l.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double D(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            return new ProcessMeasurement(D(0), D(1), D(2), D(3) / 1024.0, load, output);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    /// <summary>The 1-minute load average (Linux), or NaN.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
