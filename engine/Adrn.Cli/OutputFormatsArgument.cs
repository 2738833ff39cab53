using Adrn.Linkage.Configuration;

namespace Adrn.Cli;

/// <summary>The <c>--formats</c> argument of the commands that write research tables: a comma-separated list of <c>arrow</c>, <c>csv</c>, <c>parquet</c>.</summary>
public static class OutputFormatsArgument
{
    /// <summary>What <c>--formats</c> says in every command's help.</summary>
    public const string Description = "comma-separated, of arrow, csv, parquet (e.g. --formats parquet,csv). Arrow (.arrow) is always written as well; Parquet carries the column descriptions (docs/interop.md).";

    /// <summary>Parses the value.</summary>
    /// <param name="value">The option's value, or null.</param>
    /// <returns>The formats in the order given (duplicates dropped), or null when the option was not given.</returns>
    /// <exception cref="UsageException">A name is not a format; the message lists the valid ones.</exception>
    public static IReadOnlyList<SourceFormat>? Parse(string? value)
    {
        if (value is null) return null;
        var formats = new List<SourceFormat>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var format = part.ToUpperInvariant() switch
            {
                "ARROW" or "IPC" or "FEATHER" => SourceFormat.Arrow,
                "CSV" => SourceFormat.Csv,
                "PARQUET" => SourceFormat.Parquet,
                _ => throw new UsageException($"--formats: '{part}' is not a table format; use arrow, csv or parquet, comma-separated (e.g. --formats parquet,csv)."),
            };
            if (!formats.Contains(format)) formats.Add(format);
        }

        if (formats.Count == 0) throw new UsageException("--formats needs at least one of arrow, csv, parquet.");
        return formats;
    }
}
