using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// Runs a .ipynb top to bottom in an in-process C# kernel, as dotnet-interactive would: the
/// notebook is parsed with Microsoft.DotNet.Interactive.Documents and each code cell is submitted
/// in order. The notebooks reference the Release build under engine/Adrn.Notebooks/bin; here that
/// path is pointed at this test's output folder, which holds the same assemblies already loaded
/// in the test process (two copies of one assembly would give two sets of types): the notebooks' loader cell takes
/// that folder from ADRN_NOTEBOOKS_BIN.
/// </summary>
internal static class NotebookRunner
{
    public static async Task<NotebookRun> RunAsync(string notebookPath, IReadOnlyDictionary<string, string> probes)
    {
        var clock = Stopwatch.StartNew();
        var document = Notebook.Parse(await File.ReadAllTextAsync(notebookPath));
        using var kernel = CreateKernel();
        var html = new List<string>();
        var text = new List<string>();
        var errors = new List<string>();
        Environment.SetEnvironmentVariable("ADRN_NOTEBOOKS_BIN", AppContext.BaseDirectory);

        foreach (var element in document.Elements.Where(e => e.KernelName is "csharp" or null or ""))
        {
            if (string.IsNullOrWhiteSpace(element.Contents)) continue;
            var result = await kernel.SendAsync(new SubmitCode(element.Contents, "csharp"));
            Collect(result, html, text, errors);
            if (errors.Count > 0) break;
        }

        var values = new Dictionary<string, object?>();
        if (errors.Count == 0)
        {
            foreach (var (name, expression) in probes)
            {
                var result = await kernel.SendAsync(new SubmitCode(expression, "csharp"));
                var probeErrors = new List<string>();
                Collect(result, [], [], probeErrors);
                if (probeErrors.Count > 0) errors.Add($"probe {name}: {string.Join("; ", probeErrors)}");
                values[name] = result.Events.OfType<ReturnValueProduced>().FirstOrDefault()?.Value;
            }
        }

        return new NotebookRun(Path.GetFileName(notebookPath), html, text, errors, values, clock.Elapsed);
    }

    public static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        return kernel;
    }

    public static void Collect(KernelCommandResult result, List<string> html, List<string> text, List<string> errors)
    {
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case CommandFailed failed:
                    errors.Add($"{failed.Message} [{failed.Exception}]");
                    break;
                case ErrorProduced error:
                    errors.Add(error.Message);
                    break;
                case DisplayEvent display:
                    foreach (var value in display.FormattedValues)
                    {
                        if (value.MimeType == "text/html") html.Add(value.Value);
                        else text.Add(value.Value);
                    }

                    if (display is StandardErrorValueProduced) errors.AddRange(display.FormattedValues.Select(v => "stderr: " + v.Value));
                    break;
            }
        }
    }
}
