namespace Adrn.Dataset;

/// <summary>What a release wrote.</summary>
/// <param name="Directory">The release folder.</param>
/// <param name="StoreVersion">The store version it was made from.</param>
/// <param name="Rows">Rows of the panel (or of the cohort histories).</param>
/// <param name="Files">Every file, relative to <paramref name="Directory"/>, as listed in <c>manifest.json</c>.</param>
/// <param name="Checks">Each summary table's output check: id and status (pass, review, fail before suppression).</param>
/// <param name="FilesScanned">Files the release scanner read for identifiers (none found, or the release would not exist).</param>
public sealed record ReleaseResult(string Directory, long StoreVersion, long Rows, IReadOnlyList<string> Files, IReadOnlyList<string> Checks, int FilesScanned);
