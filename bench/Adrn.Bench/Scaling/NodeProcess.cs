using System.Diagnostics;
using System.Globalization;

namespace Adrn.Bench.Scaling;

/// <summary>
/// An <c>adrn</c> process (<c>dotnet adrn.dll ...</c>) whose output lines are kept with the seconds since it
/// started, so stage times can be read off the client's progress lines. Disposing kills it if it still runs.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<(double Seconds, string Line)> _lines = [];

    private NodeProcess(string adrnDll, string name, IEnumerable<string> args)
    {
        Name = name;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(adrnDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "[stderr] " + e.Data);
        _clock = Stopwatch.StartNew();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Name used in logs and errors.</summary>
    public string Name { get; }

    /// <summary>Exit code (only after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Seconds since the process was started.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>The lines so far, with their arrival time in seconds since start.</summary>
    public IReadOnlyList<(double Seconds, string Line)> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    /// <summary>All output, for error messages.</summary>
    public string Output => $"--- {Name} (pid {_process.Id}) ---\n" + string.Join('\n', Lines.Select(l => l.Line));

    /// <summary>Starts <c>dotnet ADRN_DLL args...</c>.</summary>
    public static NodeProcess Start(string adrnDll, string name, params string[] args) => new(adrnDll, name, args);

    /// <summary>Waits until a line matches; false on timeout or if the process exits first.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Lines.Any(l => match(l.Line))) return true;
            if (_process.HasExited)
            {
                _process.WaitForExit();
                return Lines.Any(l => match(l.Line));
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>Waits for exit; returns the seconds since start at which it was seen to exit, or null on timeout.</summary>
    public double? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return null;
        var seconds = Elapsed;
        _process.WaitForExit(); // drain the output
        return seconds;
    }

    /// <summary>Peak resident set size (VmHWM) in MiB, read while the process runs; NaN when unavailable.</summary>
    public double PeakRssMiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                return long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        catch (IOException)
        {
        }

        return double.NaN;
    }

    /// <summary>CPU seconds (user + system) the process has used so far, read while it runs; NaN when unavailable.</summary>
    public double CpuSeconds()
    {
        try
        {
            // /proc/PID/stat: fields after the command name in parentheses; utime and stime are the 12th and 13th of
            // those, in clock ticks (USER_HZ, 100 per second on Linux).
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>SIGTERM (a node leaves the cluster gracefully), then SIGKILL after <paramref name="grace"/>.</summary>
    /// <returns>Seconds until it exited, or null if it had to be killed.</returns>
    public double? Stop(TimeSpan grace)
    {
        if (_process.HasExited) return 0;
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (_process.WaitForExit(grace)) return clock.Elapsed.TotalSeconds;
        Kill();
        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add((_clock.Elapsed.TotalSeconds, line));
    }
}
