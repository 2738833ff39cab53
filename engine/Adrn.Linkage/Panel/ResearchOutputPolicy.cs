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
            AttributeOnly(output, file, column, classifications.TryGetValue(column, out var c) ? c : ColumnClassifications.KnownFileColumn(column), problems);
        return problems;
    }

    /// <summary>
    /// Refuses, before any work, a variable a research output would derive from columns it may not carry: a copied, logged
    /// or divided column must be an attribute; a year or an age may be derived from a date that is a quasi-identifier (a
    /// coarsening), never from a direct identifier, and an age's year column must be an attribute; an unclassified column
    /// is refused.
    /// </summary>
    /// <param name="output">The output's name, used in the message.</param>
    /// <param name="file">The input the columns come from, used in the message.</param>
    /// <param name="derivation">How the variable is derived.</param>
    /// <param name="column">The column it reads.</param>
    /// <param name="with">The second column it reads, or null.</param>
    /// <param name="classOf">The class of a column of the input, or null when unclassified.</param>
    /// <returns>One problem per refused column (empty when the variable may be written).</returns>
    public static IReadOnlyList<string> CheckVariable(string output, string file, VariableDerivation derivation, string column, string? with,
        Func<string, DataClassification?> classOf)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(classOf);
        var problems = new List<string>();
        switch (derivation)
        {
            case VariableDerivation.YearOf:
            case VariableDerivation.Age:
                var dateClass = classOf(column);
                if (dateClass is null)
                    problems.Add($"{file} column '{column}' is unclassified; classify it before {output} may carry a year derived from it");
                else if (dateClass == DataClassification.DirectIdentifier)
                    problems.Add($"{file} column '{column}' is a direct_identifier: nothing derived from it may enter {output}");
                if (derivation == VariableDerivation.Age && with is not null) AttributeOnly(output, file, with, classOf(with), problems);
                break;
            default:
                AttributeOnly(output, file, column, classOf(column), problems);
                if (derivation == VariableDerivation.LogRatio && with is not null) AttributeOnly(output, file, with, classOf(with), problems);
                break;
        }

        return problems;
    }

    private static void AttributeOnly(string output, string file, string column, DataClassification? found, List<string> problems)
    {
        if (found is null)
            problems.Add($"{file} column '{column}' is unclassified; classify it (attribute, quasi_identifier or direct_identifier) before {output} may carry it");
        else if (found != DataClassification.Attribute)
            problems.Add($"{file} column '{column}' is a {found.Value.ToConfigName()} and cannot be written to {output}" +
                         (found == DataClassification.QuasiIdentifier ? " (carry a coarsened attribute instead, e.g. a birth year or postcode area)" : string.Empty));
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
