using System.Diagnostics;
using System.Text.Json;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// The documented headless run, <c>dotnet tool restore &amp;&amp; dotnet repl --run notebooks/NAME.ipynb --exit-after-run</c>,
/// from the repository root and from notebooks/, with dotnet-repl from the repository's local tool manifest
/// (.config/dotnet-tools.json) and the notebook loading the Release build of engine/Adrn.Notebooks (built by test.sh
/// before the tests run).
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

    private async Task<string> RunNotebookAsync(string workingDirectory, string notebookArgument, string outputName)
    {
        var library = Path.Combine(RepositoryPaths.Root, "engine", "Adrn.Notebooks", "bin", "Release", "net10.0", "Adrn.Notebooks.dll");
        Assert.True(File.Exists(library), $"{library} is missing: build the solution in Release first (test.sh does).");

        var restore = await RunAsync(RepositoryPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(3), "tool", "restore");
        Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed:\n{restore.Output}");

        var output = Path.Combine(_dir, outputName);
        var environment = new Dictionary<string, string>
        {
            ["ADRN_STUDY_EMPLOYERS"] = "1000",
            ["ADRN_STUDY_EMPLOYEES"] = "12000",
            ["ADRN_STUDY_COHORT"] = "500",
            ["ADRN_STUDY_DIR"] = _dir,
            ["ADRN_NOTEBOOKS_BIN"] = string.Empty, // the notebook finds the libraries itself
        };
        var run = await RunAsync(workingDirectory, environment, TimeSpan.FromMinutes(4),
            "repl", "--run", notebookArgument, "--exit-after-run", "--output-format", "ipynb", "--output-path", output);
        Assert.True(run.ExitCode == 0, $"dotnet repl exited {run.ExitCode}:\n{run.Output}");
        return output;
    }

    private static (List<JsonElement> Outputs, string Text) Outputs(string executed)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(executed));
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>()).Select(o => o.Clone()).ToList();
        // Decoded text of every output (the saved JSON escapes characters; the library text is compared decoded).
        static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => [e.GetString()!],
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
            _ => [],
        };
        return (outputs, string.Concat(outputs.SelectMany(Strings)));
    }

    [Fact]
    public async Task Productivity_notebook_runs_headless_with_dotnet_repl_from_the_repository_root_with_plotly_js_once_and_error_bars()
    {
        // The command of the notebook's own first cell, from the repository root (it used to fail every cell: CS0006).
        var executed = await RunNotebookAsync(RepositoryPaths.Root, Path.Combine("notebooks", "02-productivity-puzzle.ipynb"), "executed-02.ipynb");
        var (outputs, text) = Outputs(executed);
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains("adrn-output-check", text, StringComparison.Ordinal);
        Assert.Contains("Planted versus estimated", text, StringComparison.Ordinal);
        Assert.Contains("data-adrn-rendered", text, StringComparison.Ordinal);
        Assert.Contains("error_y", text, StringComparison.Ordinal); // intervals drawn as error bars, not loose points
        // plotly.js once in the whole notebook (3.5 MB; it used to be embedded in every chart).
        Assert.Equal(1, text.Split(Adrn.Linkage.Reporting.PlotlyJs.Source[..2000]).Length - 1);
        Assert.True(new FileInfo(executed).Length < 6_000_000, $"{new FileInfo(executed).Length:N0} bytes");
    }

    [Fact]
    public async Task Linkage_quality_notebook_runs_headless_with_dotnet_repl_from_the_notebooks_folder()
    {
        var executed = await RunNotebookAsync(Path.Combine(RepositoryPaths.Root, "notebooks"), "01-linkage-quality.ipynb", "executed-01.ipynb");
        var (outputs, text) = Outputs(executed);
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains("m and u probabilities", text, StringComparison.Ordinal);
        Assert.Contains("data-adrn-rendered", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split(Adrn.Linkage.Reporting.PlotlyJs.Source[..2000]).Length - 1);
    }
}
