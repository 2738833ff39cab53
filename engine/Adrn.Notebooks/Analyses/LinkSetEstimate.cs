using Adrn.Stats.Estimation;

namespace Adrn.Notebooks.Analyses;

/// <summary>The productivity regression estimated on one set of employee-to-employer links.</summary>
/// <param name="Label">The link set (for example <c>true links</c>, <c>p ≥ 0.01</c>).</param>
/// <param name="LinkPrecision">Share of linked payroll rows whose employer is the true one.</param>
/// <param name="LinkedRows">Payroll rows with an employer.</param>
/// <param name="Fit">The firm-level regression.</param>
public sealed record LinkSetEstimate(string Label, double LinkPrecision, long LinkedRows, RegressionResult Fit);
