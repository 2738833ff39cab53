using Adrn.Tables;

namespace Adrn.Linkage.Configuration;

/// <summary>The table-IO format of a <see cref="SourceFormat"/>.</summary>
public static class SourceFormats
{
    /// <summary>The <see cref="TableFormat"/> a source or output format is read and written as.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The table format.</returns>
    public static TableFormat ToTableFormat(this SourceFormat format) => format switch
    {
        SourceFormat.Arrow => TableFormat.Arrow,
        SourceFormat.Parquet => TableFormat.Parquet,
        _ => TableFormat.Csv,
    };
}
