using Adrn.Tables;

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

    /// <summary>CSV field delimiter: <c>,</c> (default), <c>|</c>, tab or <c>;</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>CSV character encoding (default UTF-8; a byte that is not valid in it sets its record aside, never replaced).</summary>
    public CsvEncoding Encoding { get; init; } = CsvEncoding.Utf8;

    /// <summary>
    /// How a CSV source is read: its delimiter and encoding, fields trimmed of surrounding blanks, and malformed records
    /// (unbalanced quotes, wrong field counts, undecodable bytes) collected so that they are quarantined.
    /// </summary>
    public CsvOptions CsvOptions => new() { Delimiter = Delimiter, Encoding = Encoding, Trim = true, OnMalformed = MalformedRecordPolicy.Collect };

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

    /// <summary>
    /// Disclosure classes of other columns of this file (<c>classifications</c> in the job file: file column ->
    /// class), e.g. attributes a research output may carry. Empty when not given.
    /// </summary>
    public IReadOnlyDictionary<string, DataClassification> Classifications { get; init; } = new Dictionary<string, DataClassification>();

    /// <summary>The file column that feeds job column <paramref name="jobColumn"/>.</summary>
    /// <param name="jobColumn">A job column name.</param>
    /// <returns>The mapped file column name.</returns>
    public string FileColumn(string jobColumn) =>
        ColumnMap.TryGetValue(jobColumn, out var mapped) ? mapped : jobColumn;

    /// <summary>
    /// The class of a column of this file: its entry in <see cref="Classifications"/>, else the class of the job column
    /// it feeds (<paramref name="columns"/>), else the class of a well-known column name, else null (unclassified).
    /// </summary>
    /// <param name="fileColumn">A column name of this file.</param>
    /// <param name="columns">The job's columns.</param>
    /// <returns>The class, or null.</returns>
    public DataClassification? ClassificationOf(string fileColumn, IReadOnlyList<ColumnConfig> columns)
    {
        ArgumentNullException.ThrowIfNull(fileColumn);
        ArgumentNullException.ThrowIfNull(columns);
        if (Classifications.TryGetValue(fileColumn, out var c)) return c;
        foreach (var column in columns)
            if (FileColumn(column.Name) == fileColumn) return column.Classification;
        return ColumnClassifications.KnownFileColumn(fileColumn);
    }

    /// <summary>Overrides the job's <c>max_rejected_share</c> for this one (null: inherit).</summary>
    public double? MaxRejectedShare { get; init; }
}
