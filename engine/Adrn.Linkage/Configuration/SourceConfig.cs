namespace Adrn.Linkage.Configuration;

/// <summary>One input table of a linkage job.</summary>
public sealed record SourceConfig
{
    /// <summary>Short name written to the <c>source_l</c>/<c>source_r</c>/<c>source</c> output columns.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the file (relative paths in the JSON resolve against the config file's folder).</summary>
    public required string Path { get; init; }

    /// <summary>File format (from the <c>format</c> field or the file extension).</summary>
    public required SourceFormat Format { get; init; }

    /// <summary>Column of the file holding the record id (must be non-empty and unique, see <see cref="DuplicateIds"/>).</summary>
    public required string IdColumn { get; init; }

    /// <summary>Job column name -> column name in this file; job columns not listed map to the same name.</summary>
    public required IReadOnlyDictionary<string, string> ColumnMap { get; init; }

    /// <summary>.NET date formats tried in order for date columns (default <c>yyyy-MM-dd</c>).</summary>
    public required IReadOnlyList<string> DateFormats { get; init; }

    /// <summary>Treatment of repeated ids (default quarantine).</summary>
    public DuplicateIdPolicy DuplicateIds { get; init; } = DuplicateIdPolicy.Quarantine;

    /// <summary>File column ordering rows of one id when <see cref="DuplicateIds"/> is <c>KeepLatest</c> (compared as a number when both parse, else ordinally).</summary>
    public string? OrderBy { get; init; }

    /// <summary>The file column that feeds job column <paramref name="jobColumn"/>.</summary>
    /// <param name="jobColumn">A job column name.</param>
    /// <returns>The mapped file column name.</returns>
    public string FileColumn(string jobColumn) =>
        ColumnMap.TryGetValue(jobColumn, out var mapped) ? mapped : jobColumn;
}
