using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Adrn.Tests.Shared;

/// <summary>
/// A real headless Chromium (Debian <c>chromium</c>, installed by scripts/test-prerequisites.sh) for page tests:
/// opens a file:// page with every host name unresolvable, records Chromium's network log, and gives the dumped DOM,
/// a screenshot, the console (stderr) and the network requests the page made. Linked into each test project that
/// renders pages (notebook charts, report.html, adrn blocking --html).
/// </summary>
public sealed partial class HeadlessChromium : IDisposable
{
    private const string Executable = "/usr/bin/chromium";
    private readonly string _dir = Directory.CreateTempSubdirectory("adrn-chromium-").FullName;

    public sealed record Run(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> PageRequests);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A Chromium helper may still hold its profile for a moment; the temp folder is cleaned by the system.
        }
    }

    /// <summary>Loads <paramref name="page"/> and returns the DOM after scripts ran (virtual time: 15 s).</summary>
    public Task<Run> DumpDomAsync(string page) => RunAsync(page, "--virtual-time-budget=15000", "--dump-dom");

    /// <summary>Loads <paramref name="page"/> and writes a PNG screenshot of the given window size.</summary>
    public Task<Run> ScreenshotAsync(string page, string png, int width, int height) =>
        RunAsync(page, "--virtual-time-budget=15000", $"--window-size={width},{height}", $"--screenshot={png}");

    private async Task<Run> RunAsync(string page, params string[] args)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: run scripts/test-prerequisites.sh (installs Debian chromium).");
        var netLog = Path.Combine(_dir, "net-" + Guid.NewGuid().ToString("N") + ".json");
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--no-pings", "--disable-default-apps", "--disable-extensions",
            // Nothing can leave the machine: every host name fails to resolve (the browser's own update and account
            // checks included); the network log still records any request the page starts.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            $"--log-net-log={netLog}",
            $"--user-data-dir={Path.Combine(_dir, "profile-" + Guid.NewGuid().ToString("N"))}",
            "--enable-logging=stderr", "--v=0",
        })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add(new Uri(Path.GetFullPath(page)).AbsoluteUri);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish loading {page} within 120 s");
        }

        return new Run(process.ExitCode, await stdout, await stderr, PageRequests(netLog));
    }

    /// <summary>
    /// URLs of the requests the page started: every URL request in the network log except Chromium's own background
    /// requests, which carry no initiator ("not an origin"); a file:// page's requests carry its opaque origin.
    /// </summary>
    private static List<string> PageRequests(string netLog)
    {
        var urls = new List<string>();
        if (!File.Exists(netLog)) return urls;
        var text = File.ReadAllText(netLog);
        // Chromium ends an interrupted log without closing the JSON; the events we need are complete objects.
        foreach (Match m in StartJob().Matches(text))
        {
            if (m.Groups["initiator"].Value == "not an origin") continue;
            urls.Add(m.Groups["url"].Value);
        }

        return urls;
    }

    // "initiator":"...", then string, number or boolean members up to "url":"..." (a URL request's start event).
    [GeneratedRegex("\"initiator\":\"(?<initiator>[^\"]*)\",(?:\"[^\"]*\":(?:\"[^\"]*\"|[-\\w.]+),)*?\"url\":\"(?<url>[^\"]*)\"")]
    private static partial Regex StartJob();
}
