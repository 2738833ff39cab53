namespace Adrn.Notebooks.Tests;

/// <summary>What one executed notebook produced: every formatted output per cell, errors, and probe values.</summary>
internal sealed record NotebookRun(
    string Name,
    IReadOnlyList<string> HtmlOutputs,
    IReadOnlyList<string> TextOutputs,
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, object?> Probes,
    TimeSpan Elapsed)
{
    public IEnumerable<string> AllOutputs => HtmlOutputs.Concat(TextOutputs);
}
