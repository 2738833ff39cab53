using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Scoring;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Akm;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Adrn.Notebooks;

/// <summary>
/// The .NET Interactive extension of Adrn.Engine. <see cref="Load"/> registers HTML formatters for the
/// engine's results, so displaying a value in a notebook shows a checked table or an offline chart:
/// linkage runs, blocking reports, models (m/u and match-weight charts), evaluations (precision–recall
/// chart), pair explanations (waterfall), regressions and model tables, AKM decompositions, checked
/// tables and charts. Loaded by <c>extension.dib</c> when the package is referenced, or by hand:
/// <c>Adrn.Notebooks.AdrnKernelExtension.Load(Microsoft.DotNet.Interactive.Kernel.Root);</c>.
/// </summary>
public static class AdrnKernelExtension
{
    /// <summary>
    /// Registers the formatters for the kernel the notebook runs in. Formatters are global in .NET
    /// Interactive and the latest registration wins, so calling this again (for example after the
    /// formatters were reset) is harmless.
    /// </summary>
    /// <param name="kernel">The kernel loading the extension (usually <c>Kernel.Root</c>).</param>
    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Register<CheckedTable>(AdrnHtml.Render);
        Register<ModelComparison>(AdrnHtml.Render);
        Register<RegressionResult>(AdrnHtml.Render);
        Register<TableCheck>(AdrnHtml.Render);
        Register<BlockingReport>(AdrnHtml.Render);
        Register<MatchModel>(AdrnHtml.Render);
        Register<EvaluationReport>(AdrnHtml.Render);
        Register<MatchWeightExplanation>(AdrnHtml.Render);
        Register<LinkageRunResult>(AdrnHtml.Render);
        Register<AkmResult>(AdrnHtml.Render);
        Register<ChartView>(AdrnHtml.Render);
        Register<OutputCheck>(AdrnHtml.CheckBanner);

        // plotly.js once per notebook: in the output of the cell that loads the extension (run again from the top,
        // the notebook carries it again); the charts' drawing scripts wait for it.
        Register<PlotlyLoaderOutput>(value => value.Html);
        if (KernelInvocationContext.Current is { } context)
        {
            context.Display(new PlotlyLoaderOutput(ChartView.PlotlyLoader(again: true)
                + "<small class=\"adrn-plotly\">Adrn.Notebooks: charts drawn offline with plotly.js " + Linkage.Reporting.PlotlyJs.Version + " (loaded once, here).</small>"));
        }
    }

    /// <summary>The hidden output that carries plotly.js for the notebook's charts.</summary>
    private sealed record PlotlyLoaderOutput(string Html);

    private static void Register<T>(Func<T, string> render)
    {
        Formatter.Register<T>((value, writer) => writer.Write(render(value)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType);
    }
}
