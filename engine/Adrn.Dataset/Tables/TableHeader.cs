using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;

namespace Adrn.Dataset.Tables;

/// <summary>Column names of a table file (CSV, Arrow or Parquet by extension), read by the project's <see cref="SourceReader"/>.</summary>
internal static class TableHeader
{
    public static IReadOnlyList<string> Of(string path) => SourceReader.ReadHeader(new SourceConfig
    {
        Name = Path.GetFileName(path),
        Path = path,
        Format = SourceReader.FormatOf(path),
        IdColumn = string.Empty,
        ColumnMap = new Dictionary<string, string>(),
        DateFormats = [],
    });
}
