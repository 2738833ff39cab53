using System.Diagnostics;

namespace Adrn.Tests.Shared;

/// <summary>
/// Runs the built <c>adrn</c> executable (copied beside the tests by a reference to Adrn.Cli) as a real child
/// process to completion and captures its output. Linked into each test project that needs it.
/// </summary>
public static class AdrnProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static Outcome Run(params string[] args) => Run(TimeSpan.FromMinutes(5), args);

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

    /// <summary>
    /// Starts <c>adrn</c> without waiting for it, with extra environment variables, capturing its output line by line, so a
    /// fault test can wait for a line and kill it with SIGKILL. Disposing kills it if it still runs.
    /// </summary>
    public static Running Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(Process.Start(StartInfo(args, environment))!);

    private static ProcessStartInfo StartInfo(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "adrn.dll");
        Assert.True(File.Exists(dll), $"adrn.dll not found beside the tests at {dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>A started <c>adrn</c> process (see <see cref="Start"/>).</summary>
    public sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        public Running(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Add(e.Data);
            _process.ErrorDataReceived += (_, e) => Add(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (_lines)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public int ExitCode => _process.ExitCode;

        /// <summary>Waits until a line (stdout or stderr) contains <paramref name="text"/>; false on timeout or exit.</summary>
        public bool WaitForLine(string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                lock (_lines)
                {
                    if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                    {
                        return true;
                    }
                }

                if (_process.HasExited)
                {
                    return false;
                }

                Thread.Sleep(20);
            }

            return false;
        }

        /// <summary>SIGKILL (Process.Kill on Unix), then waits for the process to be gone.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
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

    public static string NewWorkDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-cli-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
