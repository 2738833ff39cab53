namespace Adrn.Dataset;

/// <summary>How the records of one wave were linked to one spine.</summary>
/// <param name="Source">The source.</param>
/// <param name="Wave">The wave.</param>
/// <param name="Spine">The spine.</param>
/// <param name="Records">Records of the wave.</param>
/// <param name="Linked">Records linked to an entity already in the spine.</param>
/// <param name="LinkedWithinWave">Records joined to the entity of another record of the same wave.</param>
/// <param name="Minted">Records that founded new entities.</param>
/// <param name="Unlinked">Records left without an entity (links that do not mint).</param>
/// <param name="MeanProbability">Mean match probability of the linked records, or null when none was linked.</param>
/// <param name="SpineEntitiesBefore">Entities in the spine when the wave was linked (0: nothing to link to yet).</param>
public sealed record WaveLinkSummary(string Source, string Wave, string Spine, long Records, long Linked, long LinkedWithinWave, long Minted, long Unlinked,
    double? MeanProbability, long SpineEntitiesBefore)
{
    /// <summary>Share of the records linked to an existing entity.</summary>
    public double LinkRate => Records == 0 ? 0 : (double)Linked / Records;

    /// <summary>The model's own estimate of the share of correct links among the linked records (their mean probability).</summary>
    public double? EstimatedPrecision => MeanProbability;
}
