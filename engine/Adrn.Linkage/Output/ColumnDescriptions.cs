using Adrn.Tables;
using Apache.Arrow;

namespace Adrn.Linkage.Output;

/// <summary>
/// One sentence per column of the research outputs (<c>links</c>, <c>pairs</c>, <c>clusters</c>, <c>linked_panel</c>),
/// written into the files themselves: as each field's <c>description</c> metadata in Arrow IPC, and as the file's
/// key–value metadata in Parquet (one key <c>description:&lt;column&gt;</c> per column), so a table opened in pyarrow,
/// polars, R's arrow or DuckDB explains itself. The same text is in docs/outputs.md.
/// </summary>
public static class ColumnDescriptions
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        // links / pairs
        ["id_l"] = "Id of the left record (first source for link_only; the record with the smaller index for dedupe).",
        ["id_r"] = "Id of the right record.",
        ["source_l"] = "Source name of the left record.",
        ["source_r"] = "Source name of the right record.",
        ["match_weight"] = "log2 prior odds + sum of level weights log2(m/u) + term-frequency adjustments.",
        ["match_probability"] = "Match probability 2^w / (1 + 2^w) of the match weight w.",
        ["resolved_probability"] = "Register posterior: probability that the left record's match is this right record, all its candidates competing.",
        ["match_key"] = "0-based index (in blocking_rules order) of the blocking rule that first produced the pair.",
        ["match_rule"] = "Name of the blocking rule that first produced the pair.",
        // clusters
        ["id"] = "Record id.",
        ["source"] = "Source name of the record.",
        ["cluster_id"] = "Id of the cluster (the component's record that sorts first by source and id); stable.",
        // linked_panel
        ["person_key"] = "Pseudonymous person key (keyed HMAC of the payroll person id; no direct identifier).",
        ["employer_key"] = "Pseudonymous employer key of the linked employer (keyed HMAC); null when the row is not linked.",
        ["year"] = "Payroll year.",
        ["sex"] = "Sex as recorded on payroll (M / F).",
        ["birth_year"] = "Year of birth (the date of birth is not released).",
        ["age"] = "Age in the payroll year (year - birth_year).",
        ["soc_major"] = "SOC 2020 major group of the job (1-9).",
        ["qualification_level"] = "Highest qualification level (RQF, 0-8).",
        ["hours"] = "Usual weekly paid hours.",
        ["annual_pay"] = "Annual gross pay in pounds.",
        ["log_pay"] = "Natural log of annual_pay; null when pay is not positive.",
        ["sic_section"] = "SIC 2007 section of the linked employer.",
        ["sic_division"] = "SIC 2007 division (2 digits) of the linked employer.",
        ["itl1"] = "ITL1 region of the linked employer.",
        ["employer_birth_year"] = "Year of birth (registration) of the linked employer.",
        ["employment"] = "Employment of the linked employer in the register.",
        ["turnover"] = "Turnover of the linked employer in pounds.",
        ["gva"] = "Gross value added of the linked employer in pounds.",
        ["log_gva_per_worker"] = "Natural log of gva / employment; null when gva is not positive.",
        ["exporter"] = "1 when the linked employer exports, else 0.",
        ["foreign_owned"] = "1 when the linked employer is foreign-owned, else 0.",
        ["investment"] = "Investment of the linked employer in pounds.",
        ["log_investment_per_worker"] = "Natural log of investment / employment; null when investment is 0.",
        ["management_score"] = "Management practices score of the linked employer (0-1).",
        ["link_probability"] = "Match probability of the payroll-to-employer link used for the row; null when not linked.",
    };

    /// <summary>The description of a column, or null for a column this catalogue does not know (a requested attribute).</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The description, or null.</returns>
    public static string? Of(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Known.TryGetValue(column, out var d)) return d;
        if (column.StartsWith("gamma_", StringComparison.Ordinal))
            return $"Comparison level reached on comparison '{column["gamma_".Length..]}': -1 null, 0 else, 1..n levels (n = best; labels in model.json).";
        return null;
    }

    /// <summary>The schema with each known column's description as its field metadata (<see cref="TableSchema.DescriptionKey"/>); other metadata kept.</summary>
    /// <param name="schema">A schema.</param>
    /// <returns>The described schema.</returns>
    public static Schema Describe(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new Schema.Builder();
        foreach (var field in schema.FieldsList)
        {
            var metadata = field.HasMetadata ? new Dictionary<string, string>(field.Metadata) : [];
            if (Of(field.Name) is { } description) metadata[TableSchema.DescriptionKey] = description;
            builder.Field(new Field(field.Name, field.DataType, field.IsNullable, metadata.Count == 0 ? null : metadata));
        }

        if (schema.HasMetadata) builder.Metadata(schema.Metadata);
        return builder.Build();
    }

    /// <summary>The table schema with each known column's description (a description already given is kept).</summary>
    /// <param name="schema">A table schema.</param>
    /// <returns>The described schema.</returns>
    public static TableSchema Describe(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new TableSchema(schema.Select(c => c.Description is null && Of(c.Name) is { } d ? c with { Description = d } : c));
    }
}
