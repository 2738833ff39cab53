namespace Adrn.Tables;

/// <summary>One column of a table to write.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
/// <param name="Nullable">Whether values may be missing (how a missing value is held depends on <paramref name="Type"/>; see <see cref="TableBatch"/>).</param>
/// <param name="Description">
/// One sentence saying what the column holds, or null. Written into the file itself: as the Arrow field's
/// <see cref="TableSchema.DescriptionKey"/> metadata, and as the Parquet file's key–value metadata
/// <c>description:&lt;column&gt;</c> (CSV has no place for it).
/// </param>
public sealed record TableColumn(string Name, TableColumnType Type, bool Nullable = true, string? Description = null);
