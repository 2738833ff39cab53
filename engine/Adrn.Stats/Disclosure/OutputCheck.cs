namespace Adrn.Stats.Disclosure;

/// <summary>The result of checking one output against the secure research service rules.</summary>
/// <param name="Id">The output's identifier (chosen by the analyst, or generated).</param>
/// <param name="Kind">What was checked: <c>regression</c>, <c>frequency-table</c>, <c>magnitude-table</c>.</param>
/// <param name="Status">Pass, fail or review.</param>
/// <param name="Reasons">One line per rule that failed or needs review, naming the cell or statistic; empty on pass.</param>
public sealed record OutputCheck(string Id, string Kind, OutputStatus Status, IReadOnlyList<string> Reasons)
{
    /// <summary>"PASS", "FAIL" or "REVIEW" followed by the reasons, for display under a table.</summary>
    public override string ToString() =>
        Reasons.Count == 0 ? $"Output check {Id}: {Status.ToString().ToUpperInvariant()}"
            : $"Output check {Id}: {Status.ToString().ToUpperInvariant()} ({string.Join("; ", Reasons)})";
}
