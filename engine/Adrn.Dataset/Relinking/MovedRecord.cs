namespace Adrn.Dataset;

/// <summary>A record whose entity changed.</summary>
/// <param name="Source">Its source.</param>
/// <param name="Wave">Its wave.</param>
/// <param name="RecordId">Its id.</param>
/// <param name="From">Entity before, or null.</param>
/// <param name="To">Entity after, or null.</param>
public sealed record MovedRecord(string Source, string Wave, string RecordId, string? From, string? To);
