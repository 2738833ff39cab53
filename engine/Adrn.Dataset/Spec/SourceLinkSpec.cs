namespace Adrn.Dataset.Spec;

/// <summary>
/// How the records of a source are linked to a spine: a linkage job in the job-file format (docs/config.md) whose two
/// sources are <c>wave</c> (the new records, path <c>${wave}</c>) and <c>spine</c> (the spine's representative records,
/// path <c>${spine}</c>, id column <c>record_key</c>).
/// </summary>
public sealed record SourceLinkSpec
{
    /// <summary>The spine linked to.</summary>
    public required string Spine { get; init; }

    /// <summary>Where the job came from (a file name, or <c>inline</c>), for messages.</summary>
    public required string JobOrigin { get; init; }

    /// <summary>The job's JSON text.</summary>
    public required string JobJson { get; init; }

    /// <summary>Whether records that link to no entity found new entities (false: they stay unlinked).</summary>
    public bool Mint { get; init; }

    /// <summary>
    /// Whether records of one wave are also linked to each other (the job's <c>wave</c> side as a dedupe job, clusters
    /// resolution), so that one person's two jobs in a payroll year join one entity. Needs <see cref="Mint"/>.
    /// </summary>
    public bool DedupeWithinWave { get; init; }
}
