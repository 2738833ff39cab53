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
        using var process = Process.Start(info)!;
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

    public static string NewWorkDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-cli-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
