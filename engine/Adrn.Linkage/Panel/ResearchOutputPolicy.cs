using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Panel;

/// <summary>
/// The rule for research outputs (docs/privacy.md): they carry attributes and pseudonymous keys only. A column
/// asked for is allowed when its class is <see cref="DataClassification.Attribute"/>: from the caller's map, else a
/// well-known column name (<see cref="ColumnClassifications.KnownFileColumn"/>); an unclassified column is refused
/// too, so nothing reaches an output by omission.
/// </summary>
public static class ResearchOutputPolicy
{
    /// <summary>Refuses, before any work, a request to write non-attribute columns to a research output.</summary>
    /// <param name="output">The output's name (for example <c>linked_panel</c>), used in the message.</param>
    /// <param name="file">The input the columns come from (for example <c>payroll</c>), used in the message.</param>
    /// <param name="columns">The requested columns.</param>
    /// <param name="classifications">File column -> class given by the caller (may be empty).</param>
    /// <returns>One problem per refused column (empty when all are attributes).</returns>
    public static IReadOnlyList<string> Check(string output, string file, IEnumerable<string> columns, IReadOnlyDictionary<string, DataClassification> classifications)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(classifications);
        var problems = new List<string>();
        foreach (var column in columns)
        {
            var found = classifications.TryGetValue(column, out var c) ? c : ColumnClassifications.KnownFileColumn(column);
            if (found is null)
                problems.Add($"{file} column '{column}' is unclassified; classify it (attribute, quasi_identifier or direct_identifier) before {output} may carry it");
            else if (found != DataClassification.Attribute)
                problems.Add($"{file} column '{column}' is a {found.Value.ToConfigName()} and cannot be written to {output}" +
                             (found == DataClassification.QuasiIdentifier ? " (carry a coarsened attribute instead, e.g. a birth year or postcode area)" : string.Empty));
        }

        return problems;
    }

    /// <summary>
    /// The classes a job gives to the columns of one of its sources: its <c>classifications</c> entries and the classes
    /// of the job columns mapped to its file columns (for <see cref="LinkedPanelOptions.Classifications"/>).
    /// </summary>
    /// <param name="config">The job.</param>
    /// <param name="sourceName">One of its sources.</param>
    /// <returns>File column -> class.</returns>
    /// <exception cref="ArgumentException">The job has no such source.</exception>
    public static IReadOnlyDictionary<string, DataClassification> ClassificationsOf(LinkageJobConfig config, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sourceName);
        var source = config.Sources.FirstOrDefault(s => s.Name == sourceName)
            ?? throw new ArgumentException($"job '{config.Name}' has no source '{sourceName}' (sources: {string.Join(", ", config.Sources.Select(s => s.Name))})", nameof(sourceName));
        var result = new Dictionary<string, DataClassification>(StringComparer.Ordinal);
        foreach (var column in config.Columns) result[source.FileColumn(column.Name)] = column.Classification;
        result[source.IdColumn] = DataClassification.DirectIdentifier;
        foreach (var (column, c) in source.Classifications) result[column] = c;
        return result;
    }
}
