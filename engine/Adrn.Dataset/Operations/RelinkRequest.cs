namespace Adrn.Dataset;

/// <summary><c>adrn dataset relink [--job FILE --source S --spine P] [--retrain]</c>.</summary>
/// <param name="JobPath">A new job for one link (same format as the spec's jobs), or null to relink with the jobs in the store.</param>
/// <param name="Source">The source of the link whose job is replaced.</param>
/// <param name="Spine">The spine of that link.</param>
/// <param name="Retrain">Train every model again (needed when a job's comparisons change); otherwise the stored models score.</param>
public sealed record RelinkRequest(string? JobPath = null, string? Source = null, string? Spine = null, bool Retrain = false);
