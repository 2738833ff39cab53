namespace Adrn.Dataset.Spec;

/// <summary>
/// The release for a cohort study: its members keyed by the cohort's own record ids, with the employment history of the
/// entity each member is linked to (the panel's variables, row by row) and no spine ids or pseudonyms.
/// </summary>
/// <param name="Source">The cohort source.</param>
/// <param name="Spine">The spine its members are linked to (e.g. <c>person</c>).</param>
/// <param name="Probability">Column name of the member's link probability.</param>
public sealed record CohortReleaseSpec(string Source, string Spine, string Probability);
