namespace Adrn.Engine.Jobs;

/// <summary>What a finished job produced.</summary>
/// <param name="JobId">The job.</param>
/// <param name="OutputFiles">Paths of the output files, relative to the output folder, in a stable order.</param>
/// <param name="PairsWritten">Rows in the merged pairs output.</param>
/// <param name="Notes">Human-readable lines for the run report (e.g. quality against truth); may be empty.</param>
public sealed record JobSummary(
    string JobId,
    IReadOnlyList<string> OutputFiles,
    long PairsWritten,
    IReadOnlyList<string> Notes);
