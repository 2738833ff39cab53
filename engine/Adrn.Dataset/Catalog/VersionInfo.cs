namespace Adrn.Dataset.Catalog;

/// <summary>One committed version: what made it and when.</summary>
/// <param name="Version">Version number (1 = init).</param>
/// <param name="Parent">The version it was made from (0 for the first).</param>
/// <param name="Operation">init, add-wave, relink or add-source.</param>
/// <param name="Summary">One line on what changed.</param>
/// <param name="CreatedUtc">When it was committed (ISO 8601).</param>
public sealed record VersionInfo(long Version, long Parent, string Operation, string Summary, string CreatedUtc);
