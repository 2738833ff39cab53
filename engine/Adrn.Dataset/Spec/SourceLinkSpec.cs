using Adrn.Linkage.Configuration;

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

    /// <summary>
    /// The within-wave job of a link job (<see cref="DedupeWithinWave"/>): its <c>wave</c> side alone as a
    /// <c>dedupe_only</c> job resolved into clusters, named after it with <c>-within-wave</c>.
    /// </summary>
    /// <param name="linkJob">The link job, loaded.</param>
    /// <returns>The within-wave job.</returns>
    public static LinkageJobConfig WithinWaveJob(LinkageJobConfig linkJob)
    {
        ArgumentNullException.ThrowIfNull(linkJob);
        return linkJob with
        {
            Name = linkJob.Name + "-within-wave",
            LinkType = LinkType.DedupeOnly,
            Sources = [linkJob.Sources[0]],
            Resolution = linkJob.Resolution with { Method = ResolutionMethod.Clusters },
        };
    }
}
