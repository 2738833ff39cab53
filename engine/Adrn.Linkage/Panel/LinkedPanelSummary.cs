namespace Adrn.Linkage.Panel;

/// <summary>What <see cref="LinkedPanelBuilder.Build"/> wrote.</summary>
/// <param name="Path">The Arrow IPC file written.</param>
/// <param name="Rows">Rows written: one per payroll record (employee-year).</param>
/// <param name="LinkedRows">Rows with a linked employer (at or above the minimum probability).</param>
/// <param name="UnknownLinkIds">Links whose ids were in neither payroll nor register (reported, not used).</param>
public sealed record LinkedPanelSummary(string Path, long Rows, long LinkedRows, long UnknownLinkIds);
