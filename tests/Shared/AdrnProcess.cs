using System.Diagnostics;
using System.Globalization;

namespace Adrn.Tests.Shared;

/// <summary>
/// The built <c>adrn</c> executable (copied beside the tests by a reference to Adrn.Cli) as a real child process
/// (<c>dotnet adrn.dll ...</c>): <see cref="Run(string[])"/> runs it to completion and captures its output;
/// <see cref="Start(string, string[])"/> starts it and captures its output line by line, so a test can wait for a line,
/// stop it with SIGTERM or kill it with SIGKILL. Disposing a started process kills it if it still runs, so no test leaves
/// a process behind. Linked into each test project that runs <c>adrn</c>.
/// </summary>
public sealed class AdrnProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _name;

    private AdrnProcess(string name, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        _name = name;
        _process = new Process { StartInfo = StartInfo(args, environment) };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "[stderr] " + e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What a process run to completion printed and returned.</summary>
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    /// <summary>adrn.dll, copied beside the tests because the test project references Adrn.Cli.</summary>
    public static string AdrnDll => Path.Combine(AppContext.BaseDirectory, "adrn.dll");

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line so far (stderr lines prefixed <c>[stderr] </c>), under a header naming the process.</summary>
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

    /// <summary>Every line so far (stdout and stderr, stderr lines prefixed <c>[stderr] </c>).</summary>
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

    /// <summary>Runs <c>adrn</c> to completion (at most five minutes) and captures its output.</summary>
    public static Outcome Run(params string[] args) => Run(TimeSpan.FromMinutes(5), args);

    /// <summary>Runs <c>adrn</c> to completion and captures its output; fails the test when it runs longer than <paramref name="timeout"/>.</summary>
    public static Outcome Run(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, new Dictionary<string, string>()))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"adrn {string.Join(' ', args)} did not finish within {timeout}");
        }

        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts <c>adrn</c> without waiting for it; <paramref name="name"/> heads its <see cref="Output"/>.</summary>
    public static AdrnProcess Start(string name, params string[] args) => new(name, new Dictionary<string, string>(), args);

    /// <summary>Starts <c>adrn</c> without waiting for it, with extra environment variables (a fault test's pause points).</summary>
    public static AdrnProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => new("adrn", environment, args);

    /// <summary>Starts <c>adrn</c> with extra environment variables; <paramref name="name"/> heads its <see cref="Output"/>.</summary>
    public static AdrnProcess Start(string name, IReadOnlyDictionary<string, string> environment, params string[] args) => new(name, environment, args);

    /// <summary>A new, empty folder under the temporary folder.</summary>
    public static string NewWorkDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-cli-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Waits until a line (stdout or stderr) contains <paramref name="text"/>; false on timeout or when the process exits first.</summary>
    public bool WaitForLine(string text, TimeSpan timeout) => WaitForLine(l => l.Contains(text, StringComparison.Ordinal), timeout);

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
                // The last lines may still be on their way from the output pipes.
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

    /// <summary>SIGKILL (Process.Kill on Unix): the process gets no chance to clean up; then waits for it to be gone.</summary>
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
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(AdrnDll), $"adrn.dll not found beside the tests at {AdrnDll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(AdrnDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        // Keep each process small: the suite runs several on two cores.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
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
