namespace Adrn.Tables;

/// <summary>One column of a table to write.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
/// <param name="Nullable">Whether values may be missing (how a missing value is held depends on <paramref name="Type"/>; see <see cref="TableBatch"/>).</param>
public sealed record TableColumn(string Name, TableColumnType Type, bool Nullable = true);
