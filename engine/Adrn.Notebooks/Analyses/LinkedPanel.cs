using Adrn.Linkage.Panel;

namespace Adrn.Notebooks.Analyses;

/// <summary>A linked employer–employee panel written by <see cref="SyntheticStudy.BuildLinkedPanel"/>.</summary>
/// <param name="Label">Which links it was built on (for example <c>engine links (p ≥ 0.5)</c>).</param>
/// <param name="Path">The <c>linked_panel</c> Arrow file.</param>
/// <param name="Summary">Row counts from the builder.</param>
public sealed record LinkedPanel(string Label, string Path, LinkedPanelSummary Summary)
{
    /// <summary>Share of payroll rows that have an employer.</summary>
    public double LinkedShare => Summary.Rows == 0 ? 0 : (double)Summary.LinkedRows / Summary.Rows;
}
