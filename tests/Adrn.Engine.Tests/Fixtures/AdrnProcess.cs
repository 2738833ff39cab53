using System.Diagnostics;
using System.Text;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>
/// An <c>adrn</c> process started from the test (<c>dotnet adrn.dll ...</c>), with its output
/// captured line by line. Disposing kills it if it still runs, so no test leaves a process behind.
/// </summary>
internal sealed class AdrnProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _name;

    private AdrnProcess(string name, IEnumerable<string> args)
    {
        _name = name;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Repository.AdrnDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep each node small: the suite runs several on two cores.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "[stderr] " + e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AdrnProcess Start(string name, params string[] args) => new(name, args);

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return $"--- {_name} (pid {_process.Id}) ---\n" + string.Join('\n', _lines);
            }
        }
    }

    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Waits until a line matches; false on timeout or when the process exits first.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Lines.Any(match))
            {
                return true;
            }

            if (_process.HasExited)
            {
                Thread.Sleep(100);
                return Lines.Any(match);
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Terminate();
        if (!_process.WaitForExit(grace))
        {
            Kill();
        }
    }

    /// <summary>Sends SIGTERM (as <c>kill</c>, <c>timeout</c> or a service manager would) and returns at once.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
