namespace Adrn.Dataset.Spec;

/// <summary>How the records of one source represent entities of a spine: spine column → file column of the source.</summary>
/// <param name="Source">The source.</param>
/// <param name="Columns">Spine column → file column; spine columns not listed are empty for this source.</param>
public sealed record RepresentativeSpec(string Source, IReadOnlyDictionary<string, string> Columns);
