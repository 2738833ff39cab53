using System.Diagnostics;
using System.Text.Json;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// The documented headless run: <c>cd notebooks &amp;&amp; dotnet tool restore &amp;&amp; dotnet repl --run
/// 02-productivity-puzzle.ipynb --exit-after-run</c>, with dotnet-repl from the repository's local tool
/// manifest (.config/dotnet-tools.json) and the notebook referencing the Release build of
/// engine/Adrn.Notebooks (built by test.sh before the tests run).
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class HeadlessReplTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adrn-repl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Productivity_notebook_runs_headless_with_dotnet_repl_from_the_local_tool_manifest_and_exits_0()
    {
        var notebooks = Path.Combine(RepositoryPaths.Root, "notebooks");
        var library = Path.Combine(RepositoryPaths.Root, "engine", "Adrn.Notebooks", "bin", "Release", "net10.0", "Adrn.Notebooks.dll");
        Assert.True(File.Exists(library), $"{library} is missing: build the solution in Release first (test.sh does).");

        var restore = await RunAsync(RepositoryPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(3), "tool", "restore");
        Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed:\n{restore.Output}");

        var output = Path.Combine(_dir, "executed.ipynb");
        var environment = new Dictionary<string, string>
        {
            ["ADRN_STUDY_EMPLOYERS"] = "1000",
            ["ADRN_STUDY_EMPLOYEES"] = "12000",
            ["ADRN_STUDY_COHORT"] = "500",
            ["ADRN_STUDY_DIR"] = _dir,
        };
        var run = await RunAsync(notebooks, environment, TimeSpan.FromMinutes(4),
            "repl", "--run", "02-productivity-puzzle.ipynb", "--exit-after-run", "--output-format", "ipynb", "--output-path", output);
        Assert.True(run.ExitCode == 0, $"dotnet repl exited {run.ExitCode}:\n{run.Output}");

        // The executed notebook: no error outputs, and the checked tables and the chart were produced.
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToList();
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        var text = string.Join("\n", outputs.Select(o => o.GetRawText()));
        Assert.Contains("adrn-output-check", text, StringComparison.Ordinal);
        Assert.Contains("Planted versus estimated", text, StringComparison.Ordinal);
        Assert.Contains("data-adrn-rendered", text, StringComparison.Ordinal);
    }
}
