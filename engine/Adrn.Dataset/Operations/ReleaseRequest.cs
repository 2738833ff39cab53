using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;

namespace Adrn.Dataset;

/// <summary><c>adrn dataset release --out DIR [--key-file F] [--formats parquet,csv,arrow] [--cohort]</c>.</summary>
/// <param name="OutputDirectory">Where the release is written (must not exist, or be empty).</param>
/// <param name="Key">The release's pseudonymisation key: pseudonyms are stable within the release, unlinkable across keys.</param>
/// <param name="Formats">Formats of the panel (at least one).</param>
/// <param name="Cohort">A cohort study's release (the spec's <c>release.cohort</c>): members keyed by the cohort's own ids, no spine keys.</param>
public sealed record ReleaseRequest(string OutputDirectory, PseudonymKey Key, IReadOnlyList<SourceFormat> Formats, bool Cohort = false);
